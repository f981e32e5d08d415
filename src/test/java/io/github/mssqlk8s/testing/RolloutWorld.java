package io.github.mssqlk8s.testing;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.sim.engine.SimulatedInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The part of a cluster an {@link AgScenarioHarness} leaves out and a rollout needs: one StatefulSet per replica
 * whose update strategy is OnDelete (its status names the desired template revision, which a test changes as a
 * user's edit would), and a kubelet: when someone deletes a replica's pod, its agent gets SIGTERM and SQL Server
 * stops; a moment later the pod comes back on the desired revision, SQL Server on that revision's version.
 *
 * <p>At every deletion it checks the rules a rollout must keep, on the simulated SQL Servers themselves, not on
 * what the agents report: no other member is down, every other member is the primary or a SYNCHRONIZED
 * secondary (all members are synchronous-commit here), and the deleted pod is
 * not the primary's. What it saw is in {@link #violations()} and {@link #restarts()}.
 */
public final class RolloutWorld implements AutoCloseable {

    /** The label the StatefulSet controller puts on its pods. */
    public static final String REVISION_LABEL = FakeClusterControllers.REVISION_LABEL;
    private static final Duration POD_AWAY = Duration.ofMillis(400);
    private static final Duration AGENT_LATE = Duration.ofMillis(1500);

    private final AgScenarioHarness harness;
    private final KubernetesClient client;
    private final List<String> replicas;
    private final Map<String, String> desired = new ConcurrentHashMap<>();
    private final Map<String, String> versions = new ConcurrentHashMap<>();
    private final Set<String> away = ConcurrentHashMap.newKeySet();
    private final Set<String> stalled = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean stallAny = new java.util.concurrent.atomic.AtomicBoolean();
    private final List<String> restarts = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService kubelet = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "rollout-world-kubelet");
        thread.setDaemon(true);
        return thread;
    });

    private RolloutWorld(AgScenarioHarness harness, List<String> replicas) {
        this.harness = harness;
        this.client = harness.client();
        this.replicas = List.copyOf(replicas);
    }

    /** Every replica's StatefulSet on {@code revision}, its pod labelled with it; the kubelet starts. */
    public static RolloutWorld start(AgScenarioHarness harness, List<String> replicas, String revision) {
        RolloutWorld world = new RolloutWorld(harness, replicas);
        for (String name : replicas) {
            world.desired.put(name, revision);
            harness.setExtraPodLabels(name, Map.of(REVISION_LABEL, revision));
            world.client.pods().withName(Names.pod(name))
                    .edit(pod -> { pod.getMetadata().getLabels().put(REVISION_LABEL, revision); return pod; });
            SqlServer resource = harness.resource(name).orElseThrow();
            world.client.resource(new StatefulSetBuilder()
                    .withNewMetadata().withName(Names.statefulSet(resource)).withNamespace(world.client.getNamespace())
                    .endMetadata()
                    .withNewSpec().withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy().endSpec()
                    .build()).create();
            world.publish(name);
        }
        world.kubelet.scheduleWithFixedDelay(world::watchPods, 0, 50, TimeUnit.MILLISECONDS);
        return world;
    }

    /** Pods made from {@code revision} run SQL Server {@code version}. */
    public void revisionRunsVersion(String revision, String version) {
        versions.put(revision, version);
    }

    /** The StatefulSets of {@code names} now want {@code revision}, as after the user edited those resources. */
    public void desire(List<String> names, String revision) {
        names.forEach(name -> {
            desired.put(name, revision);
            publish(name);
        });
    }

    /**
     * When replica {@code name}'s pod next comes back, its SQL Server stays stopped until {@link #recover} or the
     * pod is deleted again.
     */
    public void stallNextReturn(String name) {
        stalled.add(name);
    }

    /** The next pod to come back, whichever it is, stays without SQL Server (see {@link #stallNextReturn}). */
    public void stallNextReturnOfAny() {
        stallAny.set(true);
    }

    public void recover(String name) {
        harness.startSql(name);
    }

    /** "replica@revision" for every pod deleted, in order. */
    public List<String> restarts() {
        return List.copyOf(restarts);
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Every replica's pod runs its desired revision and is back. */
    public boolean allOnDesired() {
        return away.isEmpty() && replicas.stream().allMatch(name -> {
            var pod = client.pods().withName(Names.pod(name)).get();
            return pod != null && desired.get(name).equals(pod.getMetadata().getLabels().get(REVISION_LABEL));
        });
    }

    private void publish(String name) {
        SqlServer resource = harness.resource(name).orElseThrow();
        client.apps().statefulSets().withName(Names.statefulSet(resource)).editStatus(set -> new StatefulSetBuilder(set)
                .editOrNewStatus().withUpdateRevision(desired.get(name)).withObservedGeneration(generation(set))
                .withReplicas(1).endStatus().build());
    }

    private static Long generation(StatefulSet set) {
        return set.getMetadata().getGeneration() == null ? 1L : set.getMetadata().getGeneration();
    }

    private void watchPods() {
        for (String name : replicas) {
            if (!away.contains(name) && client.pods().withName(Names.pod(name)).get() == null) {
                away.add(name);
                deleted(name);
            }
        }
    }

    private void deleted(String name) {
        String ag = harness.availabilityGroup();
        restarts.add(name + "@" + desired.get(name));
        SimulatedInstance instance = harness.instance(name);
        if ("PRIMARY".equals(instance.role(ag).orElse(""))) {
            violations.add("the pod of " + name + " was deleted while it was primary");
        }
        for (String other : replicas) {
            if (other.equals(name)) {
                continue;
            }
            if (away.contains(other)) {
                violations.add(name + " was deleted while " + other + " was down too");
            } else if (!"PRIMARY".equals(harness.instance(other).role(ag).orElse(""))) {
                String role = harness.instance(other).role(ag).orElse("not joined");
                Object state = "SECONDARY".equals(role) ? harness.scalarOn(other, "SELECT synchronization_state_desc"
                        + " FROM sys.dm_hadr_database_replica_states WHERE is_local = 1") : role;
                if (!"SYNCHRONIZED".equals(state)) {
                    violations.add(name + " was deleted while " + other + " was " + state);
                }
            }
        }
        try {
            harness.stopAgent(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        harness.crashSql(name);
        kubelet.schedule(() -> returns(name), POD_AWAY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void returns(String name) {
        String revision = desired.get(name);
        harness.setExtraPodLabels(name, Map.of(REVISION_LABEL, revision));
        String version = versions.get(revision);
        if (version != null) {
            harness.instance(name).restartOnVersion(version);
            harness.crashSql(name);
        }
        if (stalled.remove(name) | stallAny.compareAndSet(true, false)) {
            harness.podReturnsWithoutSql(name);
        } else {
            // The agents' container starts a while after SQL Server's: until it publishes, the ConfigMap still
            // holds the report the previous pod's agent left, which a rollout must not take for this pod's.
            harness.podReturnsWithoutAgent(name);
            kubelet.schedule(() -> harness.startAgent(name), AGENT_LATE.toMillis(), TimeUnit.MILLISECONDS);
        }
        away.remove(name); // only now: the pod exists again
    }

    /** Stops the kubelet and removes the StatefulSets: the next scenario in the namespace rolls its own replicas. */
    @Override
    public void close() {
        kubelet.shutdownNow();
        for (String name : replicas) {
            harness.resource(name).ifPresent(resource ->
                    client.apps().statefulSets().withName(Names.statefulSet(resource)).delete());
        }
    }
}
