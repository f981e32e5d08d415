package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.ha.RolloutStep;
import io.github.mssqlk8s.kube.EventRecorder;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import io.github.mssqlk8s.testing.RolloutWorld;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The operator's rollout ({@link Rollouts}, as every reconcile calls it) against real AG agents on simulated SQL
 * Servers with a writer ({@link AgScenarioHarness}) and StatefulSets that roll OnDelete ({@link RolloutWorld}):
 * every scenario ends with no acknowledged write lost, never two writable primaries, never a pod deleted while
 * another member was down or a secondary not SYNCHRONIZED, never the primary's pod deleted.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class RolloutScenarioTest {

    static KubernetesClient client;

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> REPLICAS = List.of("roll1", "roll2", "roll3");

    /** The operator's reconciles, as far as the rollout goes: one step every 200 ms. */
    private static final class Operator implements AutoCloseable {
        final Rollouts rollouts;
        final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        final List<RolloutStep> steps = new CopyOnWriteArrayList<>();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        volatile Rollouts.Progress last;
        private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

        Operator(Duration settleBound) {
            rollouts = new Rollouts(client, Clock.systemUTC(), settleBound, Duration.ofSeconds(30),
                    new EventRecorder(client, "mssql-operator", Clock.systemUTC()), metrics);
            loop.scheduleWithFixedDelay(this::reconcile, 0, 200, TimeUnit.MILLISECONDS);
        }

        private void reconcile() {
            try {
                last = rollouts.step(client.getNamespace(), client.resources(SqlServer.class).list().getItems());
                RolloutStep step = last.step();
                if (!(step instanceof RolloutStep.Wait) && (steps.isEmpty() || !steps.get(steps.size() - 1).equals(step))) {
                    steps.add(step);
                }
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }

        long switchovers() {
            return steps.stream().filter(RolloutStep.Switchover.class::isInstance).count();
        }

        @Override
        public void close() {
            loop.shutdownNow();
        }
    }

    /** Until every pod runs its desired revision and the rollout is done; at once when a rule was broken. */
    private static void awaitDone(RolloutWorld world, Operator operator) {
        await().atMost(PATIENCE).failFast(() -> assertThat(world.violations()).as("rollout rules broken").isEmpty())
                .until(() -> world.allOnDesired() && operator.last.step() instanceof RolloutStep.Done);
    }

    private static void assertRolledSafely(AgScenarioHarness h, RolloutWorld world, Operator operator) throws Exception {
        assertThat(world.violations()).isEmpty();
        assertThat(operator.errors).isEmpty();
        h.assertSafe();
    }

    @Test
    void anImageChangeOnAllThreeMembersRollsSecondariesFirstThenOneSwitchoverThenTheOldPrimary() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agroll", REPLICAS)) {
            String primary = h.awaitBootstrapped();
            h.awaitSynchronized();
            try (RolloutWorld world = RolloutWorld.start(h, REPLICAS, "rev1");
                 Operator operator = new Operator(Duration.ofMinutes(10))) {
                h.startWriterAndMonitor();
                await().atMost(PATIENCE).until(() -> operator.last != null && operator.last.step() instanceof RolloutStep.Done);
                world.revisionRunsVersion("rev2", "16.0.4145.4");

                world.desire(REPLICAS, "rev2"); // the user applies three edited resources at once

                awaitDone(world, operator);
                List<String> secondaries = REPLICAS.stream().filter(r -> !r.equals(primary)).toList();
                assertThat(world.restarts()).hasSize(3);
                assertThat(world.restarts().subList(0, 2)).containsExactlyInAnyOrderElementsOf(
                        secondaries.stream().map(s -> s + "@rev2").toList());
                assertThat(world.restarts().get(2)).isEqualTo(primary + "@rev2");
                assertThat(operator.switchovers()).isEqualTo(1);
                assertThat(operator.metrics.counter(Rollouts.RESTARTS, "namespace", client.getNamespace()).count()).isEqualTo(3);
                assertThat(operator.metrics.counter(Rollouts.SWITCHOVERS, "namespace", client.getNamespace()).count()).isEqualTo(1);
                assertThat(h.sqlPrimaries()).hasSize(1).doesNotContain(primary);
                h.awaitSynchronized();
                assertRolledSafely(h, world, operator);
            }
        }
    }

    @Test
    void anAgentsImageChangeRollsTheSameWayWithOneSwitchover() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agagents", List.of("agt1", "agt2", "agt3"))) {
            String primary = h.awaitBootstrapped();
            h.awaitSynchronized();
            List<String> replicas = List.of("agt1", "agt2", "agt3");
            try (RolloutWorld world = RolloutWorld.start(h, replicas, "rev1");
                 Operator operator = new Operator(Duration.ofMinutes(10))) {
                h.startWriterAndMonitor();

                world.desire(replicas, "rev2"); // same SQL Server, a new agents image

                awaitDone(world, operator);
                assertThat(world.restarts()).hasSize(3);
                assertThat(world.restarts().get(2)).isEqualTo(primary + "@rev2");
                assertThat(operator.switchovers()).isEqualTo(1);
                h.awaitSynchronized();
                assertRolledSafely(h, world, operator);
            }
        }
    }

    @Test
    void aMemberThatDoesNotComeBackPausesTheRolloutUntilItRecovers() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agstall", List.of("stall1", "stall2", "stall3"))) {
            String primary = h.awaitBootstrapped();
            h.awaitSynchronized();
            List<String> replicas = List.of("stall1", "stall2", "stall3");
            try (RolloutWorld world = RolloutWorld.start(h, replicas, "rev1");
                 Operator operator = new Operator(Duration.ofSeconds(3))) {
                h.startWriterAndMonitor();
                world.stallNextReturnOfAny();

                world.desire(replicas, "rev2");

                await().atMost(PATIENCE).until(() -> operator.last.step() instanceof RolloutStep.Pause);
                RolloutStep.Pause pause = (RolloutStep.Pause) operator.last.step();
                String first = pause.member();
                assertThat(first).isNotEqualTo(primary);
                assertThat(pause.reason()).startsWith(first + " is not SYNCHRONIZED in agstall")
                        .contains("nothing else restarts until it is back or the change is reverted");
                // Nothing else restarts while it is paused.
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                        .until(() -> world.restarts().equals(List.of(first + "@rev2")));

                world.recover(first);

                awaitDone(world, operator);
                assertThat(world.restarts()).hasSize(3);
                assertThat(world.restarts().get(2)).isEqualTo(primary + "@rev2");
                assertThat(operator.switchovers()).isEqualTo(1);
                h.awaitSynchronized();
                assertRolledSafely(h, world, operator);
            }
        }
    }

    @Test
    void revertingTheChangeWhilePausedRollsTheStalledMemberBackAndSwitchesNothing() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agrevert", List.of("rev1x", "rev2x", "rev3x"))) {
            String primary = h.awaitBootstrapped();
            h.awaitSynchronized();
            List<String> replicas = List.of("rev1x", "rev2x", "rev3x");
            try (RolloutWorld world = RolloutWorld.start(h, replicas, "rev1");
                 Operator operator = new Operator(Duration.ofSeconds(3))) {
                h.startWriterAndMonitor();
                world.revisionRunsVersion("rev2", "16.0.4145.4");
                world.stallNextReturnOfAny();
                world.desire(replicas, "rev2");
                await().atMost(PATIENCE).until(() -> operator.last.step() instanceof RolloutStep.Pause);
                String first = ((RolloutStep.Pause) operator.last.step()).member();

                world.desire(replicas, "rev1"); // the user puts the old image back

                awaitDone(world, operator);
                assertThat(world.restarts()).containsExactly(first + "@rev2", first + "@rev1");
                assertThat(operator.switchovers()).isZero();
                assertThat(h.sqlPrimaries()).containsExactly(primary);
                h.awaitSynchronized();
                assertRolledSafely(h, world, operator);
            }
        }
    }

    /**
     * The agents do not publish their version yet, so the operator cannot refuse a downgrade up front; the first
     * secondary on the older version cannot receive the primary's log, and the rollout pauses on it, the primary and
     * the other secondary untouched, until the image is put back.
     */
    @Test
    void aDowngradePausesOnTheFirstSecondaryAndPuttingTheImageBackRollsItBack() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agdown", List.of("down1", "down2", "down3"))) {
            String primary = h.awaitBootstrapped();
            h.awaitSynchronized();
            List<String> replicas = List.of("down1", "down2", "down3");
            try (RolloutWorld world = RolloutWorld.start(h, replicas, "rev1");
                 Operator operator = new Operator(Duration.ofSeconds(3))) {
                h.startWriterAndMonitor();
                world.revisionRunsVersion("rev1", h.instance(primary).productVersion());
                world.revisionRunsVersion("old", "16.0.4100.1");

                world.desire(replicas, "old");

                await().atMost(PATIENCE).until(() -> operator.last.step() instanceof RolloutStep.Pause);
                String first = ((RolloutStep.Pause) operator.last.step()).member();
                assertThat(first).isNotEqualTo(primary);
                assertThat(world.restarts()).containsExactly(first + "@old");

                world.desire(replicas, "rev1");

                awaitDone(world, operator);
                assertThat(world.restarts()).containsExactly(first + "@old", first + "@rev1");
                assertThat(operator.switchovers()).isZero();
                assertThat(h.sqlPrimaries()).containsExactly(primary);
                h.awaitSynchronized();
                assertRolledSafely(h, world, operator);
            }
        }
    }
}
