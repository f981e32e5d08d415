package io.github.mssqlk8s.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.github.mssqlk8s.agent.ag.AgAgent;
import io.github.mssqlk8s.agent.ag.AgAgentAdapters;
import io.github.mssqlk8s.agent.ag.AgAgentConfig;
import io.github.mssqlk8s.agent.ag.AgAgentLoop;
import io.github.mssqlk8s.agent.ag.TickPause;
import io.github.mssqlk8s.agent.health.InJvmHealthAgent;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.AvailabilityMode;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.ha.TimingSettings;
import io.github.mssqlk8s.job.JobFailure;
import io.github.mssqlk8s.job.JobLog;
import io.github.mssqlk8s.kube.AgConfigMap;
import io.github.mssqlk8s.kube.AgConfigMapState;
import io.github.mssqlk8s.naming.EnvironmentVariables;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.sim.SimInstance;
import io.github.mssqlk8s.resources.InstanceStatefulSet;
import io.github.mssqlk8s.sim.engine.EngineBehaviour;
import io.github.mssqlk8s.sim.engine.SimulatedInstance;
import io.github.mssqlk8s.sql.AvailabilityGroupSql;
import io.github.mssqlk8s.sql.LoginFiles;
import io.github.mssqlk8s.sql.SaPasswordFile;
import io.github.mssqlk8s.sql.SqlConnector;
import io.github.mssqlk8s.sql.SqlEndpoint;
import io.github.mssqlk8s.sql.SqlLogin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The whole system of one AG in one JVM, for {@code *ScenarioTest}s (fabric8's mock API server) and {@code *ApiTest}s
 * (a real kube-apiserver, each component as its own ServiceAccount under its Role: {@link ScenarioIdentities}): the SqlServer
 * CRD, one SqlServer resource and one pod per replica (labelled as the StatefulSet would make it), a simulated
 * SQL Server per replica configured by the real init-sql Job ({@link InitSqlInProcess}: master key, shared
 * certificate, endpoint, the agents' login with its grants, from the Secrets the operator generates), and per
 * replica the real agent code, logging in with the login init-sql made (and as sa for CREATE AVAILABILITY GROUP
 * alone, from the sa password file mounted as the pod's StatefulSet mounts it): an {@link AgAgent} in its loop, with its
 * own API connection through a {@link CuttableProxy} and an in-JVM health monitor for its verdict.
 *
 * <pre>{@code
 * try (AgScenarioHarness h = AgScenarioHarness.start(client, "ag1", List.of("mssql1", "mssql2", "mssql3"))) {
 *     String primary = h.awaitBootstrapped();            // AG created, database added, secondaries synchronized
 *     h.startWriterAndMonitor();
 *     Instant fault = h.crashSql(primary);
 *     h.awaitPrimaryOtherThan(primary);
 *     h.printFailoverTime("primary SQL crash", fault);
 *     h.assertSafe();                                    // no acknowledged write lost, never two writable primaries
 * }
 * }</pre>
 * Replica {@code n} runs as instance (and pod, and server name) {@code n-0}. Faults: {@link #crashSql},
 * {@link #hangSql}, {@link #killAgent}, {@link #podLost}, {@link #cutApi}, {@link #cutApiForAll},
 * {@link #cutLink}, {@link #skewClock}, {@link #freezeAgent}, {@link #lateStatements}; each has its undo. The
 * simulated SQL Servers' polite-or-worst switches: {@link #behaviour()}.
 */
public final class AgScenarioHarness implements AutoCloseable {

    public static final String DATABASE = "appdb";
    public static final String TABLE = DATABASE + ".dbo.writes";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /**
     * SQL Server's refusals for want of a permission: 229/262 denied on an object or in a database, 297/15247 not
     * permitted, 300 VIEW SERVER STATE denied, 15151 a securable missing or not permitted.
     */
    private static final Set<Integer> PERMISSION_DENIED = Set.of(229, 262, 297, 300, 15151, 15247);

    /**
     * Scenario timing: Lease 4 s, renew deadline 2 s, retry 0.5 s, monitor 250 ms, write lease 2 s, commit-stuck
     * derived from the Lease (24 s), transient database states 3 s, reports stale after 1 s, write-lease margin 0.5 s (one JVM, no skew).
     */
    public static TimingSettings scenarioTiming() {
        return new TimingSettings(Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofMillis(500),
                Duration.ofMillis(250), Duration.ofSeconds(2), TimingSettings.commitStuckTimeoutFor(Duration.ofSeconds(4)),
                Duration.ofSeconds(3),
                Duration.ofSeconds(1), Duration.ofMillis(500));
    }

    /** One replica to create: its SqlServer name and the mode it lists the AG with. */
    public record Replica(String name, AvailabilityMode mode) {
        public static Replica synchronous(String name) {
            return new Replica(name, AvailabilityMode.SYNCHRONOUS_COMMIT);
        }
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String ag;
    private final TimingSettings timing;
    private final ScenarioIdentities identities;
    private final SqlServerSimulator simulator = new SqlServerSimulator();
    private final Path workDirectory;
    /** One record per replica, in the order they were added. */
    private final Map<String, ScenarioReplica> replicas = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    /** Labels a replica's next pods get besides the usual ones (the rollout's template revision). */
    private final Map<String, Map<String, String>> extraPodLabels = new java.util.concurrent.ConcurrentHashMap<>();
    private AckedWriter writer;
    private WritablePrimaryMonitor monitor;

    private AgScenarioHarness(KubernetesClient client, ScenarioIdentities identities, String ag, TimingSettings timing) {
        this.client = client;
        this.identities = identities;
        this.namespace = client.getNamespace();
        this.ag = ag;
        this.timing = timing;
        // -Dsim.behaviour=worst (or a list of switches) runs every scenario against the worst legal SQL Server
        simulator.network().behaviour().set(System.getProperty("sim.behaviour"));
        try {
            this.workDirectory = Files.createTempDirectory("ag-scenario-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts every replica (synchronous commit) with its agent, on the mock API server behind {@code client}. */
    public static AgScenarioHarness start(KubernetesClient client, String ag, List<String> replicas) {
        return start(client, ag, scenarioTiming(), replicas.stream().map(Replica::synchronous).toList());
    }

    public static AgScenarioHarness start(KubernetesClient client, String ag, TimingSettings timing, List<Replica> replicas) {
        return start(client, ScenarioIdentities.onMock(client), ag, timing, replicas);
    }

    /**
     * Starts every replica on the API server behind {@code client} (the harness's own, all rights, in the scenario's
     * namespace), each component talking as {@code identities} says: on a real API server, under its own Role.
     */
    public static AgScenarioHarness start(KubernetesClient client, ScenarioIdentities identities, String ag, TimingSettings timing,
            List<Replica> replicas) {
        AgScenarioHarness harness = new AgScenarioHarness(client, identities, ag, timing);
        identities.installCrd(client);
        client.resource(TestResources.saSecret(TestResources.SA_SECRET, client.getNamespace(), SqlServerSimulator.SA_PASSWORD))
                .createOr(NonDeletingOperation::update);
        for (Replica replica : replicas) {
            harness.addReplica(replica);
        }
        return harness;
    }

    public String availabilityGroup() {
        return ag;
    }

    public KubernetesClient client() {
        return client;
    }

    public SqlServerSimulator simulator() {
        return simulator;
    }

    /** The simulated instance of replica {@code name} (instance {@code name-0}). */
    public SimulatedInstance instance(String name) {
        return replica(name).instance;
    }

    private ScenarioReplica replica(String name) {
        ScenarioReplica replica = replicas.get(name);
        if (replica == null) {
            throw new IllegalArgumentException("no replica " + name + " in this scenario");
        }
        return replica;
    }

    /** A snapshot of the replicas, safe to iterate while one is added. */
    private List<ScenarioReplica> allReplicas() {
        synchronized (replicas) {
            return List.copyOf(replicas.values());
        }
    }

    private Map<String, SimulatedInstance> instances() {
        Map<String, SimulatedInstance> instances = new LinkedHashMap<>();
        allReplicas().forEach(r -> instances.put(r.name, r.instance));
        return instances;
    }

    // ---- replicas ----

    /**
     * A new member as the operator brings it up: its SQL Server, SqlServer resource and generated Secrets, its
     * init-sql Job run to completion, then its pod with the agent-login Secret and the supervisor's sa password file
     * mounted, and its agent.
     */
    public void addReplica(Replica replica) {
        addReplicaWithoutAgent(replica);
        startAgent(replica.name());
    }

    /** {@link #addReplica} up to its agent, which {@link #startAgent} starts (e.g. after a fault was set up). */
    public void addReplicaWithoutAgent(Replica replica) {
        String name = replica.name();
        String server = Names.pod(name);
        SimulatedInstance instance = simulator.start(server);
        int port = simulator.port(server);
        SqlServer resource = client.resource(TestResources.sqlServer(name, namespace, new AvailabilityGroupRef(ag, replica.mode())))
                .create();
        InitSqlInProcess.createGeneratedSecrets(client, resource);
        runInitSql(resource, port);
        Path login = workDirectory.resolve(name).resolve("agent-login");
        InitSqlInProcess.mountSecret(client, namespace, Names.agentLoginSecret(resource), login);
        Path saPasswordFile = InitSqlInProcess.mountedFile(client, namespace, InstanceStatefulSet.desired(resource,
                TestLeaseSettings.defaults()).getSpec().getTemplate().getSpec(), EnvironmentVariables.SA_PASSWORD_FILE,
                workDirectory.resolve(name));
        identities.prepareAgents(resource);
        InJvmHealthAgent health = new InJvmHealthAgent(new TestConnectionSettings(port, login.toString(), 3, 2, 1));
        replicas.put(name, new ScenarioReplica(name, replicas.size(), instance, port, login, saPasswordFile, health));
        createPod(name);
    }

    /** Where replica {@code name}'s supervisor has the sa password file (a test may remove or change it). */
    public Path saPasswordFile(String name) {
        return replica(name).saPasswordFile;
    }

    private void runInitSql(SqlServer resource, int port) {
        String name = resource.getMetadata().getName();
        try {
            InitSqlInProcess.run(client, identities.initSqlClient(resource), namespace, name, port,
                    workDirectory.resolve(name).resolve("init-sql"), JobLog.of("init-sql"));
        } catch (JobFailure failed) {
            throw new AssertionError("init-sql of " + name + " failed: " + failed.getMessage(), failed);
        }
    }

    /** The resource stops listing the AG (its agent leaves as on SIGTERM from the supervisor); the rest stays. */
    public void removeFromAvailabilityGroup(String name) throws InterruptedException {
        client.resources(SqlServer.class).inNamespace(namespace).withName(name).edit(r -> {
            r.getSpec().getAvailabilityGroups().removeIf(g -> ag.equals(g.getName()));
            return r;
        });
        stopAgent(name);
    }

    /** A query's first value on replica {@code name}'s SQL Server, as sa. */
    public Object scalarOn(String name, String sql) {
        try (Connection c = SqlServerSimulator.connectAsSa(replica(name).port); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getObject(1);
        } catch (SQLException e) {
            throw new AssertionError(sql + " failed on " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the pod as the StatefulSet controller would, and gives it its IP and phase as the kubelet would: a real
     * API server ignores the status a pod is created with.
     */
    private void createPod(String name) {
        Pod desired = pod(name);
        Pod created = client.resource(desired).create();
        if (created.getStatus() == null || created.getStatus().getPodIP() == null) {
            created.setStatus(desired.getStatus());
            client.resource(created).updateStatus();
        }
    }

    /** As the StatefulSet would make it: the resource's labels, its SqlServer label, the AG member label, an IP. */
    private Pod pod(String name) {
        int ip = 10 + replica(name).ordinal;
        return new PodBuilder()
                .withNewMetadata().withName(Names.pod(name)).withNamespace(namespace)
                .addToLabels(Labels.NAME, name).addToLabels(Labels.TYPE, Labels.TYPE_SQL_SERVER)
                .addToLabels(Labels.SQL_SERVER, name).addToLabels(Labels.member(ag), "true")
                .addToLabels(extraPodLabels.getOrDefault(name, Map.of()))
                .endMetadata()
                .withNewSpec().withServiceAccountName(Names.agents(resource(name).orElseThrow()))
                .addNewContainer().withName("mssql-server").withImage("mssql").endContainer().endSpec()
                .withNewStatus().withPodIP("10.1.0." + ip).withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build();
    }

    // ---- agents ----

    /** Starts (or restarts) the agent of replica {@code name}, with a fresh API connection through its proxy. */
    public void startAgent(String name) {
        ScenarioReplica replica = replica(name);
        CuttableProxy proxy = replica.proxy(apiPort());
        KubernetesClient agentClient = identities.agentsClient(resource(name).orElseThrow(), proxy.port(), new ConfigBuilder()
                .withNamespace(namespace)
                .withTrustCerts(true)
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(1_000)
                .withRequestTimeout(1_000)
                .withUserAgent("ag-agent/" + name));
        AvailabilityGroupSql sql = new AvailabilityGroupSql(new SqlConnector(new SqlEndpoint("127.0.0.1", replica.port,
                "false", false), Duration.ofSeconds(1), "mssql-k8s-ag-agent", Duration.ofSeconds(3)),
                new LoginFiles(replica.loginDirectory), new SaPasswordFile(replica.saPasswordFile), Duration.ofSeconds(1),
                Duration.ofSeconds(5));
        // A new registry per start, as a new process has.
        MeterRegistry registry = new SimpleMeterRegistry();
        AgAgentAdapters adapters = AgAgentAdapters.onCluster(agentClient, namespace, ag, timing.leaseDuration(), sql,
                replica.health::verdict, registry);
        AgAgent agent = new AgAgent(new AgAgentConfig(namespace, name, ag, timing, AgConfigMap.DEFAULT_REQUEST_TIMEOUT, null),
                adapters, replica.clock);
        agent.pauseAt(replica.freeze);
        replica.started(new ScenarioReplica.RunningAgent(new AgAgentLoop(agent).start(), agentClient, sql), registry);
    }

    /** The meters of replica {@code name}'s agent since it was last started. */
    public MeterRegistry meters(String name) {
        return replica(name).meters();
    }

    /** Stops the agent as SIGTERM would (it leaves or hands over), and waits for it. */
    public void stopAgent(String name) throws InterruptedException {
        replica(name).stopAgent();
    }

    /** Fault: the agent process dies at once, no goodbye. */
    public Instant killAgent(String name) {
        Instant at = Instant.now();
        replica(name).killAgent();
        return at;
    }

    private int apiPort() {
        return java.net.URI.create(client.getMasterUrl().toString()).getPort();
    }

    // ---- faults ----

    public Instant crashSql(String name) {
        Instant at = Instant.now();
        replica(name).instance.crash();
        return at;
    }

    public void startSql(String name) {
        replica(name).instance.start();
    }

    public Instant hangSql(String name) {
        Instant at = Instant.now();
        replica(name).instance.hang();
        return at;
    }

    public void unhangSql(String name) {
        replica(name).instance.unhang();
    }

    /** The pod is gone with everything in it: SQL Server crashes, its agents die, the pod object is deleted. */
    public Instant podLost(String name) {
        Instant at = crashSql(name);
        killAgent(name);
        client.pods().inNamespace(namespace).withName(Names.pod(name)).delete();
        return at;
    }

    /** The StatefulSet brings the pod back: a new pod object, SQL Server started, the agent started. */
    public void podReturns(String name) {
        createPod(name);
        startSql(name);
        startAgent(name);
    }

    /**
     * Labels the pod of replica {@code name} gets from now on, besides its usual ones, as the StatefulSet would
     * put its template revision on it ({@link #podReturns} makes a new pod).
     */
    public void setExtraPodLabels(String name, Map<String, String> labels) {
        extraPodLabels.put(name, Map.copyOf(labels));
    }

    /** The pod comes back and SQL Server starts; its agent starts later ({@link #startAgent}), as a slow container. */
    public void podReturnsWithoutAgent(String name) {
        createPod(name);
        startSql(name);
    }

    /** The pod comes back and its agent starts, but SQL Server does not (it fails to start, say). */
    public void podReturnsWithoutSql(String name) {
        createPod(name);
        startAgent(name);
    }

    /** This replica's agent cannot reach the API server. */
    public Instant cutApi(String name) {
        Instant at = Instant.now();
        replica(name).proxyOrNull().cut();
        return at;
    }

    public void restoreApi(String name) {
        replica(name).proxyOrNull().restore();
    }

    public Instant cutApiForAll() {
        Instant at = Instant.now();
        allReplicas().stream().map(ScenarioReplica::proxyOrNull).filter(java.util.Objects::nonNull).forEach(CuttableProxy::cut);
        return at;
    }

    public void restoreApiForAll() {
        allReplicas().stream().map(ScenarioReplica::proxyOrNull).filter(java.util.Objects::nonNull)
                .forEach(CuttableProxy::restore);
    }

    /** The network between two replicas' SQL Servers (their mirroring endpoints). */
    public void cutLink(String a, String b) {
        simulator.network().link(Names.pod(a), Names.pod(b)).cut();
    }

    public void restoreLink(String a, String b) {
        simulator.network().link(Names.pod(a), Names.pod(b)).restore();
    }

    /** Fault: the agent of replica {@code name} reads a clock {@code skew} ahead (negative: behind); zero undoes it. */
    public void skewClock(String name, Duration skew) {
        replica(name).clock.setSkew(skew);
    }

    /**
     * Fault: the agent of replica {@code name} freezes for {@code length} the next time its tick passes {@code point}
     * (a GC or CPU-throttle pause), e.g. between checking the Lease's freshness and sending the write-lease renewal.
     */
    public void freezeAgent(String name, TickPause.Point point, Duration length) {
        replica(name).freeze.arm(point, length);
    }

    /** Cancels a freeze that has not started yet. */
    public void cancelFreeze(String name) {
        replica(name).freeze.disarm();
    }

    /** Fault: replica {@code name}'s SQL Server starts every batch {@code delay} late (zero undoes it). */
    public void lateStatements(String name, Duration delay) {
        replica(name).instance.setExecutionDelay(delay);
    }

    /** The simulator's switches between polite and worst legal SQL Server behaviour, for every replica. */
    public EngineBehaviour behaviour() {
        return simulator.network().behaviour();
    }

    // ---- observation ----

    /** The replicas whose pods carry {@code role = primary}: what the {@code <ag>-primary} Service selects. */
    public List<String> primaryRoute() {
        try {
            return client.pods().inNamespace(namespace).withLabel(Labels.role(ag), Labels.ROLE_PRIMARY).list().getItems()
                    .stream().map(p -> p.getMetadata().getLabels().get(Labels.SQL_SERVER)).toList();
        } catch (RuntimeException unreachable) {
            return List.of();
        }
    }

    /** The replicas whose running SQL Server is PRIMARY of the AG right now (a stopped or hung one is not). */
    public List<String> sqlPrimaries() {
        List<String> primaries = new ArrayList<>();
        instances().forEach((name, instance) -> {
            if (instance.availability() == SimInstance.Availability.RUNNING
                    && instance.role(ag).filter("PRIMARY"::equals).isPresent()) {
                primaries.add(name);
            }
        });
        return primaries;
    }

    public AgConfigMapState configMap() {
        return new AgConfigMap(client, namespace, ag).read();
    }

    public Optional<SqlServer> resource(String name) {
        return Optional.ofNullable(client.resources(SqlServer.class).inNamespace(namespace).withName(name).get());
    }

    /** Waits for exactly one replica to be PRIMARY in SQL, routed to by the primary label alone; returns it. */
    public String awaitPrimary() {
        return awaitPrimary(Set.of());
    }

    public String awaitPrimaryOtherThan(String former) {
        return awaitPrimary(Set.of(former));
    }

    /** As {@link #awaitPrimaryOtherThan(String)}, for faults that take longer than the usual patience to act on. */
    public String awaitPrimaryOtherThan(String former, Duration patience) {
        return awaitPrimary(Set.of(former), patience);
    }

    private String awaitPrimary(Set<String> excluded) {
        return awaitPrimary(excluded, PATIENCE);
    }

    private String awaitPrimary(Set<String> excluded, Duration patience) {
        await().atMost(patience).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<String> route = primaryRoute();
            List<String> sql = sqlPrimaries();
            return route.size() == 1 && sql.equals(route) && !excluded.contains(route.get(0));
        });
        return primaryRoute().get(0);
    }

    /**
     * Bootstrap and what a user does next: waits for the agents to create the AG and every member to join, creates
     * the database on the primary with a table, adds it to the AG and waits until every synchronous secondary is
     * SYNCHRONIZED. Returns the primary.
     */
    public String awaitBootstrapped() {
        try {
            String primary = awaitPrimary();
            await().atMost(PATIENCE).until(() -> allReplicas().stream().allMatch(r -> r.instance.role(ag).isPresent()));
            String server = Names.pod(primary);
            simulator.execAsSa(server, "CREATE DATABASE [" + DATABASE + "]; ALTER DATABASE [" + DATABASE + "] SET RECOVERY FULL;"
                    + " BACKUP DATABASE [" + DATABASE + "] TO DISK = N'NUL'");
            simulator.execAsSa(server, "USE [" + DATABASE + "]; CREATE TABLE writes (id BIGINT PRIMARY KEY, v NVARCHAR(50))");
            simulator.execAsSa(server, "ALTER AVAILABILITY GROUP [" + ag + "] ADD DATABASE [" + DATABASE + "]");
            awaitSynchronized();
            return primary;
        } catch (ConditionTimeoutException notBootstrapped) {
            List<String> denied = agentPermissionDenials();
            if (denied.isEmpty()) {
                throw notBootstrapped;
            }
            throw new AssertionError("no bootstrap: the agents' login lacked a permission init-sql should have granted: "
                    + denied, notBootstrapped);
        }
    }

    /** Every synchronous-commit secondary reports its databases SYNCHRONIZED in the ConfigMap. */
    public void awaitSynchronized() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            AgConfigMapState state = configMap();
            List<SqlServer> members = client.resources(SqlServer.class).inNamespace(namespace).list().getItems();
            return members.stream().filter(r -> r.getSpec().getAvailabilityGroups().stream()
                            .anyMatch(g -> ag.equals(g.getName()) && g.effectiveMode() == AvailabilityMode.SYNCHRONOUS_COMMIT))
                    .allMatch(r -> {
                        var report = state.reports().get(r.getMetadata().getName());
                        return report != null && (report.role() == io.github.mssqlk8s.ha.ReplicaRole.PRIMARY
                                || report.isSynchronized());
                    });
        });
    }

    /** The replica's agents report a HEALTHY verdict in the ConfigMap (what a failover Job checks of its target). */
    public void awaitReportedHealthy(String name) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            var report = configMap().reports().get(name);
            return report != null && report.health().status() == io.github.mssqlk8s.ha.HealthStatus.HEALTHY;
        });
    }

    // ---- writer and monitor ----

    /** Starts the writer through the primary route and the monitor of writable primaries. */
    public void startWriterAndMonitor() {
        monitor = new WritablePrimaryMonitor(this::instances, ag);
        writer = new AckedWriter(this::primaryRoute, name -> replica(name).port, TABLE);
        await().atMost(PATIENCE).until(() -> !writer.acknowledged().isEmpty());
    }

    public AckedWriter writer() {
        return writer;
    }

    public WritablePrimaryMonitor monitor() {
        return monitor;
    }

    /** From the fault to the first write acknowledged through the primary route after it. */
    public Duration failoverTime(Instant fault) {
        return failoverTime(fault, null);
    }

    /** From the fault to the first write acknowledged after it by another instance than {@code formerPrimary}. */
    public Duration failoverTime(Instant fault, String formerPrimary) {
        await().atMost(PATIENCE).until(() -> writer.firstAckAfter(fault, formerPrimary).isPresent());
        return Duration.between(fault, writer.firstAckAfter(fault, formerPrimary).get().at());
    }

    /** Measures and prints the time to the first acknowledged write after the fault (a write pause). */
    public Duration printFailoverTime(String scenario, Instant fault) {
        return printFailoverTime(scenario, fault, null);
    }

    /**
     * Measures and prints a scenario's failover time, from the fault to the first write acknowledged by a new
     * primary, e.g. "failover time [primary SQL crash]: 2.61 s".
     */
    public Duration printFailoverTime(String scenario, Instant fault, String formerPrimary) {
        Duration time = failoverTime(fault, formerPrimary);
        System.out.printf("failover time [%s]: %.2f s (acknowledged writes so far: %d)%n", scenario,
                time.toMillis() / 1000.0, writer.acknowledged().size());
        return time;
    }

    /**
     * The safety checks every scenario ends with: the monitor never saw two writable primaries, and every
     * acknowledged write is in the table on the current primary (both are reported together, a split brain being
     * where lost writes come from). Stops the writer and the monitor.
     */
    public void assertSafe() throws InterruptedException {
        writer.close();
        monitor.close();
        List<WritablePrimaryMonitor.Window> splitBrains = monitor.splitBrainWindows();
        if (monitor.polls() < 10) {
            throw new AssertionError("the monitor of writable primaries barely ran: " + monitor.polls() + " polls");
        }
        String lostWrites;
        try {
            lostWrites = lostWrites();
        } catch (AssertionError | RuntimeException unreadable) {
            if (splitBrains.isEmpty()) {
                throw unreadable;
            }
            lostWrites = "lost writes not checked: " + unreadable.getMessage();
        }
        if (!splitBrains.isEmpty()) {
            throw new AssertionError("two writable primaries at once: " + splitBrains
                    + (lostWrites == null ? "" : "; " + lostWrites));
        }
        if (writer.acknowledged().isEmpty()) {
            throw new AssertionError("no write was acknowledged at all");
        }
        if (lostWrites != null) {
            throw new AssertionError(lostWrites);
        }
        List<String> denied = agentPermissionDenials();
        if (!denied.isEmpty()) {
            throw new AssertionError("the agents' login lacked a permission init-sql should have granted: " + denied);
        }
    }

    /** "n acknowledged writes lost on …" for the acknowledged writes missing on the current primary, or null. */
    private String lostWrites() {
        String primary = awaitPrimary();
        Set<Long> stored = new HashSet<>();
        try (Connection c = SqlServerSimulator.connectAsSa(replica(primary).port); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT id FROM " + TABLE)) {
            while (rows.next()) {
                stored.add(rows.getLong(1));
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot read the writes on the primary " + primary + ": " + e.getMessage(), e);
        }
        List<Long> lost = writer.acknowledged().stream().map(AckedWriter.Ack::id).filter(id -> !stored.contains(id)).toList();
        return lost.isEmpty() ? null : lost.size() + " acknowledged writes lost on " + primary + ", e.g. "
                + lost.subList(0, Math.min(10, lost.size()));
    }

    /**
     * The statements the agents ran as their login (the one in their mounted Secret) that SQL Server refused for want
     * of a permission: what init-sql granted was not enough. Each distinct one once, as "replica: statement (error n)".
     */
    public List<String> agentPermissionDenials() {
        Set<String> denied = new LinkedHashSet<>();
        instances().forEach((name, instance) -> {
            String login = agentLogin(name).name();
            instance.statementLog().entries().stream()
                    .filter(entry -> entry.login().equalsIgnoreCase(login) && PERMISSION_DENIED.contains(entry.errorNumber()))
                    .forEach(entry -> denied.add(name + ": " + entry.text() + " (error " + entry.errorNumber() + ")"));
        });
        return List.copyOf(denied);
    }

    /** The login replica {@code name}'s agents use, as their pod mounts it from the Secret init-sql configured. */
    public SqlLogin agentLogin(String name) {
        try {
            return new LoginFiles(replica(name).loginDirectory).read();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- the cluster ----

    /** A minimal SqlServer CRD with the status subresource (the generated one may not be built yet). */
    static void installCrd(KubernetesClient client) {
        String name = "sqlservers.mssql.microsoft.com";
        if (client.apiextensions().v1().customResourceDefinitions().withName(name).get() != null) {
            return;
        }
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withGroup("mssql.microsoft.com").withScope("Namespaced")
                .withNewNames().withKind("SqlServer").withPlural("sqlservers").withSingular("sqlserver").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema()
                .endVersion().endSpec().build();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }

    @Override
    public void close() throws Exception {
        if (writer != null) {
            writer.close();
        }
        if (monitor != null) {
            monitor.close();
        }
        allReplicas().forEach(ScenarioReplica::close);
        simulator.close();
        // The mounted Secrets hold the agents' passwords: leave none behind.
        try (var files = Files.walk(workDirectory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** For diagnostics in failing scenarios: each replica's role in SQL and on its pod. */
    public Map<String, String> describe() {
        Map<String, String> view = new LinkedHashMap<>();
        instances().forEach((name, instance) -> view.put(name, instance.role(ag).orElse("-")
                + (primaryRoute().contains(name) ? " (routed)" : "")));
        return view;
    }
}
