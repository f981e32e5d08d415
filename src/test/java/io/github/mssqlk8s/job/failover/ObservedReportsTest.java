package io.github.mssqlk8s.job.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mssqlk8s.ha.AvailabilityMode;
import io.github.mssqlk8s.ha.FailoverRequestResolver;
import io.github.mssqlk8s.ha.FailoverResolution;
import io.github.mssqlk8s.ha.HealthVerdict;
import io.github.mssqlk8s.ha.Member;
import io.github.mssqlk8s.ha.ReplicaId;
import io.github.mssqlk8s.ha.ReplicaReport;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.ha.SynchronizationState;
import io.github.mssqlk8s.kube.AgConfigMapState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Item 7 of #14: the failover Job judges the agents' reports on its own clock, by seeing them change, never by the
 * {@code reportedAt} an agent on another node stamped. Two agents with clocks 30 s off the Job's: one alive and
 * 30 s behind, one dead whose last report is stamped 30 s ahead.
 */
class ObservedReportsTest {

    private static final Duration STALE_AFTER = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Instant JOB_START = Instant.parse("2026-01-01T12:00:00Z");

    /** The Job's clock, moved only by its own sleeps and by each read taking 10 ms. */
    private static final class JobClock extends Clock {
        private Instant now = JOB_START;

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final JobClock clock = new JobClock();
    private final AtomicInteger reads = new AtomicInteger();
    private final Instant deadAgentsLastStamp = JOB_START.plusSeconds(30);

    /** Each read: the live agent (clock 30 s behind) has published a new report; the dead one has not. */
    private AgConfigMapState read() {
        reads.incrementAndGet();
        clock.advance(Duration.ofMillis(10));
        Instant liveStamp = clock.instant().minusSeconds(30);
        return new AgConfigMapState(Map.of(
                "primary", report("primary", ReplicaRole.PRIMARY, liveStamp),
                "alive", report("alive", ReplicaRole.SECONDARY, liveStamp),
                "dead", report("dead", ReplicaRole.SECONDARY, deadAgentsLastStamp)), null, null, null, "1", List.of());
    }

    private static ReplicaReport report(String name, ReplicaRole role, Instant stamp) {
        return new ReplicaReport(new ReplicaId(name, name + "-0", name + "-0", null, name, null),
                AvailabilityMode.SYNCHRONOUS_COMMIT, role, 42L, Map.of("db1", SynchronizationState.SYNCHRONIZED), null,
                null, false, HealthVerdict.healthy("healthy"), null, stamp);
    }

    private ObservedReports.Observation observe() throws InterruptedException {
        return ObservedReports.observe(this::read, clock, STALE_AFTER, POLL, clock::advance);
    }

    private FailoverResolution resolve(String target, List<ReplicaReport> reports) {
        List<Member> membership = reports.stream().map(r -> new Member(r.id(), r.mode())).toList();
        return FailoverRequestResolver.resolve(target, false, reports, membership, null, clock.instant(), STALE_AFTER);
    }

    @Test
    void aLiveAgentWhoseClockIsBehindIsAValidTarget() throws InterruptedException {
        ObservedReports.Observation observed = observe();

        assertThat(resolve("alive", observed.reports())).isInstanceOf(FailoverResolution.Resolved.class);
    }

    @Test
    void aDeadAgentWhoseLastStampIsAheadIsNotAValidTarget() throws InterruptedException {
        ObservedReports.Observation observed = observe();

        assertThat(resolve("dead", observed.reports())).isInstanceOf(FailoverResolution.Refused.class)
                .extracting(FailoverResolution::reason).asString().contains("dead has not reported");
        assertThat(clock.instant()).as("it waited out the staleness window for the report that never changed")
                .isAfter(JOB_START.plus(STALE_AFTER));
    }

    @Test
    void itStopsAsSoonAsEveryReportChanged() throws InterruptedException {
        ObservedReports.observe(() -> {
            AgConfigMapState state = read();
            Map<String, ReplicaReport> live = new java.util.HashMap<>(state.reports());
            live.put("dead", report("dead", ReplicaRole.SECONDARY, clock.instant().plusSeconds(30)));
            return new AgConfigMapState(live, null, null, null, "1", List.of());
        }, clock, STALE_AFTER, POLL, clock::advance);

        assertThat(reads.get()).as("a first read, then one that shows every report changed").isEqualTo(2);
    }
}
