package io.github.mssqlk8s.job;

import static io.github.mssqlk8s.job.JobWorld.NAMESPACE;
import static io.github.mssqlk8s.job.JobWorld.query;
import static io.github.mssqlk8s.job.JobWorld.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.github.mssqlk8s.kube.MirroringCertificateSecret;
import io.github.mssqlk8s.kube.SecretValues;
import io.github.mssqlk8s.kube.SqlServers;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.resources.AgentRbac;
import io.github.mssqlk8s.resources.GeneratedSecrets;
import io.github.mssqlk8s.sim.engine.StatementKind;
import io.github.mssqlk8s.testing.RbacAudit;
import io.github.mssqlk8s.testing.SqlServerSimulator;
import io.github.mssqlk8s.testing.TestResources;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * rotate-creds against a running three-replica AG (three simulated instances configured by init-sql, sharing one
 * sa Secret like the examples) and the mock API server; its requests are checked against the documented Role.
 */
@Timeout(180)
class RotateCredsMockTest {

    private static final List<String> INSTANCES = List.of("mssql1", "mssql2", "mssql3");
    private static final String AG = "ag1";
    private static final String DB = "appdb";
    private static final String NEW_MASTER_KEY = "Mk-Rotated-Passw0rd-2";

    @TempDir
    Path logins;

    private JobWorld world;
    private final Set<Integer> acknowledged = new ConcurrentSkipListSet<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private Thread writer;
    private String saPassword = SqlServerSimulator.SA_PASSWORD;
    /** The sa password the running rotation sets. */
    private String rotatingTo = SqlServerSimulator.SA_PASSWORD;

    @BeforeEach
    void runningAvailabilityGroup() throws Exception {
        world = new JobWorld(logins);
        for (String name : INSTANCES) {
            world.addInstance(name, AG);
            world.runInitSql(name);
        }
        world.simulator.execAsSa("mssql1", "CREATE DATABASE [" + DB + "]; ALTER DATABASE [" + DB + "] SET RECOVERY FULL;"
                + " BACKUP DATABASE [" + DB + "] TO DISK = N'NUL'");
        world.simulator.execAsSa("mssql1", "USE [" + DB + "]; CREATE TABLE t (id INT PRIMARY KEY)");
        StringBuilder replicas = new StringBuilder();
        for (String name : INSTANCES) {
            replicas.append(replicas.isEmpty() ? "" : ", ").append("N'").append(name).append("' WITH (ENDPOINT_URL = N'")
                    .append(Names.endpointUrl(name, NAMESPACE)).append("', AVAILABILITY_MODE = SYNCHRONOUS_COMMIT,"
                            + " FAILOVER_MODE = EXTERNAL, SEEDING_MODE = AUTOMATIC, SECONDARY_ROLE (ALLOW_CONNECTIONS = ALL))");
        }
        world.simulator.execAsSa("mssql1", "CREATE AVAILABILITY GROUP [" + AG + "] WITH (CLUSTER_TYPE = EXTERNAL,"
                + " DB_FAILOVER = ON) FOR DATABASE [" + DB + "] REPLICA ON " + replicas);
        for (String name : INSTANCES.subList(1, 3)) {
            world.simulator.execAsSa(name, "ALTER AVAILABILITY GROUP [" + AG + "] JOIN WITH (CLUSTER_TYPE = EXTERNAL);"
                    + " ALTER AVAILABILITY GROUP [" + AG + "] GRANT CREATE ANY DATABASE");
        }
        awaitSynchronized();
        world.jobRequests();
    }

    @AfterEach
    void auditAndStop() throws Exception {
        try {
            stopWriting();
            List<PolicyRule> rules = AgentRbac.rotateCredsRole(NAMESPACE, "rotate-creds").getRules();
            List<RbacAudit.ApiRequest> requests = world.jobRequests();
            assertThat(requests).isNotEmpty();
            assertThat(requests).allSatisfy(request -> assertThat(RbacAudit.allowed(request, rules))
                    .as("the documented rotate-creds Role allows " + request).isTrue());
        } finally {
            world.close();
        }
    }

    @Test
    void fullRotationKeepsTheReplicasSynchronizedAndLosesNoAcknowledgedWrite() throws Exception {
        startWriting();
        String newSa = "Sa-Rotated-Passw0rd-2";
        String oldAgentPassword = agentSecret().get("password");
        List<String> steps = new ArrayList<>();

        rotateCreds(newSa, true, step -> {
            steps.add(step);
            awaitSynchronized();
        }).run();

        assertThat(steps).contains("check sa password", "update sa Secret", "rotate agent login", "update master key Secret",
                "record mssql_mirroring_cert_2 as the shared certificate", "forget mssql_mirroring_cert_1");
        stopWriting();
        assertThat(acknowledged).hasSizeGreaterThan(10);
        for (String name : INSTANCES) {
            try (Connection sa = world.connect(name, "sa", newSa)) {
                assertThat(query(sa, "SELECT name FROM sys.certificates")).extracting(row -> row.get("name"))
                        .containsExactly(Names.mirroringCertificate(2));
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ids(sa)).containsAll(acknowledged));
            }
        }
        assertThat(world.secretValues(TestResources.SA_SECRET)).containsEntry(TestResources.SA_KEY, newSa);
        Map<String, String> agent = agentSecret();
        assertThat(agent.get("password")).isNotEqualTo(oldAgentPassword);
        assertThat(agent).doesNotContainKey(RotateCreds.NEXT_PASSWORD_KEY);
        world.connect("mssql1", agent.get("username"), agent.get("password")).close();
        assertThat(world.secretValues("mssql1-master-key")).containsEntry("masterkeypassword", NEW_MASTER_KEY);
        Map<String, String> certificate = world.secretValues(Names.mirroringCertificateSecret());
        assertThat(certificate).containsEntry("name", Names.mirroringCertificate(2)).doesNotContainKeys("next-name", "retired-name");
        assertAllEndpointsConnect();
        assertNoSecretIn(List.of(newSa, oldAgentPassword, agent.get("password"), NEW_MASTER_KEY,
                certificate.get("private-key-password")));
    }

    @Test
    void aRotationKilledAfterAnyStepCompletesWhenRunAgain() throws Exception {
        startWriting();
        AtomicInteger total = new AtomicInteger();
        rotateCreds("Sa-Rotated-0", true, step -> total.incrementAndGet()).run();
        saPassword = "Sa-Rotated-0";
        assertThat(total.get()).isGreaterThan(15);

        for (int killAfter = 1; killAfter <= total.get(); killAfter++) {
            String next = "Sa-Rotated-" + killAfter;
            AtomicInteger seen = new AtomicInteger();
            int limit = killAfter;
            assertThatThrownBy(() -> rotateCreds(next, true, step -> {
                if (seen.incrementAndGet() == limit) {
                    throw new IllegalStateException("killed after " + step);
                }
            }).run()).hasMessageContaining("killed after");

            rotateCreds(next, true, StepHook.NONE).run();
            saPassword = next;

            awaitSynchronized();
            for (String name : INSTANCES) {
                world.connect(name, "sa", next).close();
            }
            assertThat(world.secretValues(TestResources.SA_SECRET)).containsEntry(TestResources.SA_KEY, next);
            Map<String, String> agent = agentSecret();
            world.connect("mssql1", agent.get("username"), agent.get("password")).close();
            assertThat(world.secretValues(Names.mirroringCertificateSecret())).doesNotContainKeys("next-name", "retired-name");
            assertAllEndpointsConnect();
        }
        stopWriting();
        try (Connection sa = world.connect("mssql3", "sa", saPassword)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ids(sa)).containsAll(acknowledged));
        }
    }

    @Test
    void aWrongCurrentPasswordIsRefusedBeforeAnythingChanges() throws Exception {
        Map<String, Integer> before = new java.util.HashMap<>();
        INSTANCES.forEach(name -> before.put(name, world.simulator.instance(name).statementLog().size()));
        Map<String, String> agentBefore = agentSecret();
        saPassword = "Not-The-Current-1";

        assertThatThrownBy(() -> rotateCreds("Sa-Rotated-Passw0rd-3", true, StepHook.NONE).run())
                .isInstanceOfSatisfying(JobFailure.class, failure -> assertThat(failure.getMessage()).isEqualTo(
                        "check sa password: mssql1 rejects the current sa password (error 18456); nothing was changed"));

        for (String name : INSTANCES) {
            assertThat(world.simulator.instance(name).statementLog().since(before.get(name)))
                    .filteredOn(entry -> entry.kind() == StatementKind.DDL).isEmpty();
        }
        assertThat(world.secretValues(TestResources.SA_SECRET)).containsEntry(TestResources.SA_KEY, SqlServerSimulator.SA_PASSWORD);
        assertThat(agentSecret()).isEqualTo(agentBefore);
        assertNoSecretIn(List.of("Sa-Rotated-Passw0rd-3", "Not-The-Current-1"));
    }

    private RotateCreds rotateCreds(String newSa, boolean certificate, StepHook hook) {
        rotatingTo = newSa;
        SecretValues secrets = new SecretValues(world.jobClient);
        SecureRandom random = new SecureRandom();
        return new RotateCreds(new RotateCreds.Settings(NAMESPACE, "mssql1", saPassword, newSa, Optional.of(NEW_MASTER_KEY),
                certificate, Names::mirroringCertificate, Duration.ofSeconds(5)), world.connections(),
                new SqlServers(world.jobClient), secrets, new MirroringCertificateSecret(secrets),
                () -> GeneratedSecrets.newPassword(random), world.log::add, hook);
    }

    private Map<String, String> agentSecret() {
        return world.secretValues("mssql1-agent-login");
    }

    private void awaitSynchronized() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (String name : INSTANCES.subList(1, 3)) {
                try (Connection sa = world.connect(name, "sa", currentSa(name))) {
                    assertThat(scalar(sa, "SELECT synchronization_state_desc FROM sys.dm_hadr_database_replica_states"
                            + " WHERE is_local = 1")).as(name).isEqualTo("SYNCHRONIZED");
                }
            }
        });
    }

    /** The sa password an instance has right now: mid-rotation it may already be the new one. */
    private String currentSa(String name) {
        String stored = world.secretValues(TestResources.SA_SECRET).get(TestResources.SA_KEY);
        for (String candidate : List.of(stored, saPassword, rotatingTo)) {
            try (Connection ignored = world.connect(name, "sa", candidate)) {
                return candidate;
            } catch (SQLException rejected) {
                // try the other one
            }
        }
        return stored;
    }

    private void assertAllEndpointsConnect() {
        for (int i = 0; i < INSTANCES.size(); i++) {
            for (int j = i + 1; j < INSTANCES.size(); j++) {
                assertThat(world.simulator.network().endpointsConnect(INSTANCES.get(i), INSTANCES.get(j)))
                        .as(INSTANCES.get(i) + " <-> " + INSTANCES.get(j)).isTrue();
            }
        }
    }

    private static List<Object> ids(Connection sa) throws SQLException {
        return query(sa, "SELECT id FROM " + DB + ".dbo.t").stream().map(row -> row.get("id")).toList();
    }

    /** Inserts rows on the primary as fast as they are acknowledged, keeping the ids of acknowledged ones. */
    private void startWriting() throws SQLException {
        Connection primary = world.connect("mssql1", "sa", SqlServerSimulator.SA_PASSWORD);
        writing.set(true);
        writer = new Thread(() -> {
            int id = 0;
            try (primary; PreparedStatement insert = primary.prepareStatement("INSERT INTO " + DB + ".dbo.t (id) VALUES (?)")) {
                while (writing.get()) {
                    insert.setInt(1, ++id);
                    insert.executeUpdate();
                    acknowledged.add(id);
                }
            } catch (SQLException stopped) {
                writing.set(false);
            }
        }, "writer");
        writer.start();
    }

    private void stopWriting() throws InterruptedException {
        writing.set(false);
        if (writer != null) {
            writer.join(10_000);
        }
    }

    private void assertNoSecretIn(List<String> secrets) {
        assertThat(world.log).isNotEmpty();
        for (String secret : secrets) {
            assertThat(world.log).noneMatch(line -> line.contains(secret));
        }
    }
}
