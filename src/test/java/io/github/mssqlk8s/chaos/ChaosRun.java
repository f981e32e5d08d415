package io.github.mssqlk8s.chaos;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.mssqlk8s.kube.ClusterConnection;
import io.github.mssqlk8s.testing.AckedWriter;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import io.github.mssqlk8s.testing.MockApiServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Runs one {@link FaultSchedule} over the whole system of one AG in one JVM (a fresh mock API server, three
 * simulated SQL Servers, the real ag-agents) while a writer writes through the primary route, then checks the
 * promises:
 * <ol>
 * <li>no acknowledged write is lost;
 * <li>never two writable primaries (polled every 5 ms);
 * <li>whenever a quorum of the synchronous replicas stays unimpaired for {@link #RECOVERY_BOUND} after a fault
 * starts, a write is acknowledged through the primary route within that bound; and once every fault is over,
 * exactly one healthy primary (SQL PRIMARY, the only pod labelled primary, acknowledging writes) within it.
 * </ol>
 */
final class ChaosRun {

    /**
     * The recovery bound under the scenario timing (Lease 4 s, write lease 2 s, monitor 250 ms): a failover needs
     * the old write lease to lapse and the Lease to expire (≤ 4 s) plus detection and promotion; 20 s leaves room
     * for an agent or pod restart and for a 2-core machine shared with builds.
     */
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(20);
    static final String AG = "agchaos";
    private static final List<String> REPLICAS = List.of("c1", "c2", "c3");
    private static final Pattern LOST = Pattern.compile("(\\d+) acknowledged writes lost");

    private ChaosRun() {
    }

    static ScheduleOutcome run(FaultSchedule schedule) {
        List<String> problems = new ArrayList<>();
        KubernetesMockServer server = MockApiServer.startCrud();
        try (KubernetesClient client = server.createClient();
                AgScenarioHarness harness = AgScenarioHarness.start(client, AG, REPLICAS)) {
            harness.awaitBootstrapped();
            schedule.sql().applyTo(harness.behaviour());
            harness.startWriterAndMonitor();
            FaultInjector injector = new FaultInjector(harness, REPLICAS);
            Instant started = Instant.now();
            play(schedule, injector);
            Instant healed = Instant.now();

            Duration recovery = awaitHealthyPrimary(harness, healed, problems);
            AckedWriter writer = harness.writer();
            checkResumptions(injector, writer, problems);
            int splitBrains = harness.monitor().splitBrainWindows().size();
            int lost = 0;
            try {
                harness.assertSafe();
            } catch (AssertionError | RuntimeException unsafe) {
                problems.add(unsafe.getMessage());
                Matcher count = LOST.matcher(String.valueOf(unsafe.getMessage()));
                lost = count.find() ? Integer.parseInt(count.group(1)) : 0;
            }
            return new ScheduleOutcome(schedule, injector.injected(), injector.skipped(), failovers(writer.acknowledged()), lost,
                    splitBrains, writer.acknowledged().size(), longestGap(writer.acknowledged(), started), recovery, problems);
        } catch (Exception | AssertionError broken) {
            problems.add("the run broke: " + ClusterConnection.rootMessage(broken));
            return new ScheduleOutcome(schedule, new EnumMap<>(FaultKind.class), 0, 0, 0, 0, 0, null, null, problems);
        } finally {
            server.destroy();
        }
    }

    /** Injects and undoes each fault at its time, on one thread so that they happen in the schedule's order. */
    private static void play(FaultSchedule schedule, FaultInjector injector) throws InterruptedException {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch done = new CountDownLatch(1);
        try {
            for (int i = 0; i < schedule.faults().size(); i++) {
                ScheduledFault fault = schedule.faults().get(i);
                int index = i;
                clock.schedule(() -> injector.inject(index, fault), fault.atMillis(), TimeUnit.MILLISECONDS);
                if (!fault.kind().permanent()) {
                    clock.schedule(() -> injector.undo(index), fault.endMillis(), TimeUnit.MILLISECONDS);
                }
            }
            clock.schedule(done::countDown, schedule.endMillis() + 1, TimeUnit.MILLISECONDS);
            if (!done.await(schedule.endMillis() + Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the fault schedule did not finish playing");
            }
        } finally {
            clock.shutdownNow();
            injector.undoAll();
        }
    }

    private static Duration awaitHealthyPrimary(AgScenarioHarness harness, Instant healed, List<String> problems) {
        try {
            await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
                List<String> route = harness.primaryRoute();
                return route.size() == 1 && harness.sqlPrimaries().equals(route)
                        && harness.writer().firstAckAfter(healed).isPresent();
            });
            return Duration.between(healed, harness.writer().firstAckAfter(healed).orElseThrow().at());
        } catch (ConditionTimeoutException notRecovered) {
            problems.add("no single healthy primary within " + RECOVERY_BOUND.toSeconds() + " s after the last fault ended: "
                    + harness.describe());
            return null;
        }
    }

    /** Check 3 during the faults: with a quorum unimpaired, a write is acknowledged within the bound of each fault. */
    private static void checkResumptions(FaultInjector injector, AckedWriter writer, List<String> problems) {
        for (FaultInjector.Injection injection : injector.injections()) {
            var next = writer.firstAckAfter(injection.at());
            Instant boundEnd = injection.at().plus(RECOVERY_BOUND);
            if (injector.quorumUnimpairedDuring(injection.at(), boundEnd)
                    && next.filter(ack -> !ack.at().isAfter(boundEnd)).isEmpty()) {
                problems.add("a quorum stayed healthy, yet no write was acknowledged within " + RECOVERY_BOUND.toSeconds()
                        + " s of " + injection.description());
            }
        }
    }

    /** The longest wait between acknowledged writes from {@code since} on: the worst write outage of the schedule. */
    private static Duration longestGap(List<AckedWriter.Ack> acks, Instant since) {
        Duration longest = null;
        Instant previous = since;
        for (AckedWriter.Ack ack : acks) {
            if (ack.at().isAfter(since)) {
                Duration gap = Duration.between(previous, ack.at());
                longest = longest == null || gap.compareTo(longest) > 0 ? gap : longest;
                previous = ack.at();
            }
        }
        return longest;
    }

    /** How often the acknowledged writes moved to another instance: completed changes of primary. */
    private static int failovers(List<AckedWriter.Ack> acks) {
        int changes = 0;
        for (int i = 1; i < acks.size(); i++) {
            if (!acks.get(i).instance().equals(acks.get(i - 1).instance())) {
                changes++;
            }
        }
        return changes;
    }
}
