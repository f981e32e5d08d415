package io.github.mssqlk8s.job.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.config.FailoverSettings;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.kube.FailoverRequestEntry;
import io.github.mssqlk8s.testing.AckedWriter;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The failover Job's workflow against real AG agents on simulated SQL Servers ({@link AgScenarioHarness}): the
 * Job only writes a request into the AG's ConfigMap; the agents carry it out.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class FailoverScenarioTest {

    static KubernetesClient client;

    record Settings(Duration timeout, Duration pollInterval, Duration reportStaleAfter) implements FailoverSettings {
    }

    /** A generous report window: the scenario's agents report every 250 ms, but a test may cut one off. */
    private static final Settings SETTINGS = new Settings(Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(30));

    /** One run of the Job, with what it printed. */
    private static final class JobRun implements FailoverWorkflow.Console {
        final List<String> out = new CopyOnWriteArrayList<>();
        final List<String> err = new CopyOnWriteArrayList<>();
        int exitCode = -1;

        @Override
        public void step(String line) {
            out.add(line);
        }

        @Override
        public void failure(String line) {
            err.add(line);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ", out " + out + ", err " + err;
        }
    }

    private static JobRun job(AgScenarioHarness h, String newPrimary, boolean allowDataLoss) {
        JobRun run = new JobRun();
        run.exitCode = new FailoverWorkflow(h.client(), h.client().getNamespace(), SETTINGS, Clock.systemUTC(), run)
                .run(new FailoverWorkflow.Request(h.availabilityGroup(), newPrimary, allowDataLoss, "failover-scenario"));
        return run;
    }

    /**
     * The figure of a planned switchover: from the request to the first write acknowledged by the new primary, and
     * the longest pause between two acknowledged writes in that span.
     */
    private static void printWritePause(AgScenarioHarness h, Instant requested, String newPrimary) {
        String instance = newPrimary;
        await().atMost(Duration.ofSeconds(30)).until(() -> h.writer().acknowledged().stream()
                .anyMatch(ack -> ack.instance().equals(instance) && ack.at().isAfter(requested)));
        List<Instant> acks = h.writer().acknowledged().stream().map(AckedWriter.Ack::at)
                .filter(at -> !at.isBefore(requested)).sorted().toList();
        Instant firstOnNew = h.writer().acknowledged().stream()
                .filter(ack -> ack.instance().equals(instance) && ack.at().isAfter(requested))
                .map(AckedWriter.Ack::at).min(Instant::compareTo).orElseThrow();
        Duration longestPause = Duration.ZERO;
        Instant previous = requested;
        for (Instant at : acks) {
            if (at.isAfter(firstOnNew)) {
                break;
            }
            Duration pause = Duration.between(previous, at);
            longestPause = pause.compareTo(longestPause) > 0 ? pause : longestPause;
            previous = at;
        }
        System.out.printf("planned switchover by the failover Job: request to first write on %s %.2f s, longest write "
                + "pause %.2f s%n", newPrimary, Duration.between(requested, firstOnNew).toMillis() / 1000.0,
                longestPause.toMillis() / 1000.0);
    }

    @Test
    void plannedSwitchoversToANamedTargetAndByExclusionLoseNoAcknowledgedWrite() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agplan", List.of("plan1", "plan2", "plan3"))) {
            assertThat(h.awaitBootstrapped()).isEqualTo("plan1");
            h.startWriterAndMonitor();

            JobRun unknown = job(h, "plan9-0", false);
            assertThat(unknown.exitCode).as(unknown.toString()).isEqualTo(1);
            assertThat(unknown.err).singleElement().asString().matches("refused: unknown failover target 'plan9-0'; "
                    + "valid targets: plan2 \\(pod plan2-0, [0-9.]+\\), plan3 \\(pod plan3-0, [0-9.]+\\)");
            assertThat(h.configMap().request()).isNull();

            Instant requested = Instant.now();
            JobRun named = job(h, "plan2-0", false);
            assertThat(named.exitCode).as(named.toString()).isZero();
            assertThat(named.out.get(0)).isEqualTo("target: failover to plan2, which is synchronized");
            assertThat(named.out.get(named.out.size() - 1))
                    .endsWith("plan2 is the primary and the only pod labelled primary; plan1 is a secondary");
            assertThat(h.sqlPrimaries()).containsExactly("plan2");
            assertThat(h.primaryRoute()).containsExactly("plan2");
            printWritePause(h, requested, "plan2");

            h.awaitSynchronized();
            JobRun excluding = job(h, "!plan3", false);
            assertThat(excluding.exitCode).as(excluding.toString()).isZero();
            assertThat(excluding.out.get(0)).isEqualTo("target: failover to plan1, the best synchronized secondary other than plan3");
            assertThat(h.sqlPrimaries()).containsExactly("plan1");
            assertThat(h.configMap().reports().get("plan2").role()).isEqualTo(ReplicaRole.SECONDARY);

            h.assertSafe();
        }
    }

    @Test
    void aSecondRequestWhileOneIsInFlightIsRefusedAndTheFirstStillFinishes() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agtwo", List.of("two1", "two2", "two3"))) {
            assertThat(h.awaitBootstrapped()).isEqualTo("two1");
            // two2's agent loses the API: its report goes stale, so the primary holds a request for it in flight. The
            // first request is written as a Job would; a Job itself now refuses two2 (it never sees its report change).
            h.cutApi("two2");
            Instant cut = Instant.now();
            await().atMost(Duration.ofSeconds(10)).until(() -> h.configMap().reports().get("two2").reportedAt()
                    .isBefore(Instant.now().minusSeconds(2)) && Instant.now().isAfter(cut.plusSeconds(2)));

            FailoverRequestEntry first = new FailoverRequestEntry(java.util.UUID.randomUUID().toString(), "two2", "two2",
                    false, Instant.now(), "failover-first");
            assertThat(new io.github.mssqlk8s.kube.AgConfigMap(client, client.getNamespace(), "agtwo")
                    .submitRequest(first, first.requestedAt(), io.github.mssqlk8s.kube.AgConfigMap.DEFAULT_REQUEST_TIMEOUT)
                    .submitted()).isTrue();
            FailoverRequestEntry inFlight = h.configMap().request();
            JobRun second = job(h, "two3", false);

            assertThat(second.exitCode).as(second.toString()).isEqualTo(1);
            assertThat(second.err).singleElement().asString()
                    .isEqualTo("refused: a failover to two2 requested at " + inFlight.requestedAt()
                            + " is still in progress; wait for it to finish");
            assertThat(h.configMap().request().id()).isEqualTo(inFlight.id());
            assertThat(h.sqlPrimaries()).containsExactly("two1");

            h.restoreApi("two2");
            await().atMost(Duration.ofSeconds(40)).until(() -> h.configMap().outcomeOfRequest()
                    .filter(o -> o.state() == io.github.mssqlk8s.kube.FailoverOutcomeEntry.State.SUCCEEDED).isPresent());
            assertThat(h.awaitPrimary()).isEqualTo("two2");
        }
    }

    @Test
    void anUnsynchronizedTargetIsRefusedThenForcedWithDataLossAllowed() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agforce", List.of("force1", "force2", "force3"))) {
            assertThat(h.awaitBootstrapped()).isEqualTo("force1");
            h.cutLink("force1", "force2");
            await().atMost(Duration.ofSeconds(20)).until(() -> !h.configMap().reports().get("force2").isSynchronized());

            JobRun refused = job(h, "force2", false);
            assertThat(refused.exitCode).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err).singleElement().asString().startsWith("refused: force2 is not synchronized (appdb: ")
                    .endsWith("); set FORCE_FAILOVER_ALLOW_DATA_LOSS=true to fail over with possible data loss");
            assertThat(h.configMap().request()).isNull();

            CompletableFuture<JobRun> forced = CompletableFuture.supplyAsync(() -> job(h, "force2", true));
            // The link heals once the request is out, so that the old primary can rejoin as a secondary.
            await().atMost(Duration.ofSeconds(10)).until(() -> h.configMap().request() != null);
            assertThat(h.configMap().request().forced()).isTrue();
            h.restoreLink("force1", "force2");
            JobRun run = forced.get(40, TimeUnit.SECONDS);

            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.out).anySatisfy(line -> assertThat(line)
                    .startsWith("forced failover: data may have been lost. force2 was not synchronized (appdb: ")
                    .contains("the last primary force1 had sequence number"));
            assertThat(run.out.get(run.out.size() - 1)).endsWith("; it was a forced failover: data may have been lost");
            assertThat(h.sqlPrimaries()).containsExactly("force2");
            assertThat(h.configMap().leader().lastFailover().kind().name()).isEqualTo("FORCED");
        }
    }
}
