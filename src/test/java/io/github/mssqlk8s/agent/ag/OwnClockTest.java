package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mssqlk8s.ha.AvailabilityMode;
import io.github.mssqlk8s.ha.HealthVerdict;
import io.github.mssqlk8s.ha.LeadershipView;
import io.github.mssqlk8s.ha.ReplicaId;
import io.github.mssqlk8s.ha.ReplicaReport;
import io.github.mssqlk8s.ha.ReplicaRole;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * F1: the Lease and peers' reports are moved onto the reader's own clock; the times their writers stamped are never
 * compared with it (contract §6). "Local" times below are the reader's, "remote" ones a writer's skewed clock.
 */
class OwnClockTest {

    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final Instant LOCAL = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant local(double seconds) {
        return LOCAL.plusMillis(Math.round(seconds * 1000));
    }

    private static LeadershipView record(String holder, Instant acquired, Instant renewed) {
        return new LeadershipView(holder, acquired, renewed, LEASE, null);
    }

    @Test
    void aLeaseExpiresByTheReadersClockFromWhenItFirstSawTheRenewal() {
        LeaseOnOwnClock lease = new LeaseOnOwnClock(LEASE);
        // the holder's clock runs 30 s behind: by its renewTime the Lease ran out long ago
        Instant remote = local(-30);
        lease.read(record("p", remote, remote), local(1));
        lease.read(record("p", remote, remote), local(5));

        assertThat(lease.onOwnClock().isHeld(local(10.9))).as("10 s from first sight at 1 s").isTrue();
        assertThat(lease.onOwnClock().isHeld(local(11))).isFalse();

        lease.read(record("p", remote, remote.plusSeconds(2)), local(8));
        assertThat(lease.onOwnClock().isHeld(local(17.9))).as("a new renewal counts from when it was seen").isTrue();
        assertThat(lease.onOwnClock().renewTime()).isEqualTo(local(8));
    }

    @Test
    void aHolderAheadOfTheReaderDoesNotMakeItsLeaseLastLonger() {
        LeaseOnOwnClock lease = new LeaseOnOwnClock(LEASE);
        Instant remote = local(30);
        lease.read(record("p", remote, remote), local(1));

        assertThat(lease.onOwnClock().isHeld(local(11.5))).isFalse();
    }

    @Test
    void anAcquisitionRemembersWhenTheReplacedRenewalWasSeenAndCountsItsTenureFromTheEndOfTheCall() {
        LeaseOnOwnClock lease = new LeaseOnOwnClock(LEASE);
        lease.read(record("old", local(-50), local(-40)), local(2));
        lease.acquired(record("me", local(13), local(13)), local(12.5), local(13));

        LeadershipView mine = lease.onOwnClock();
        assertThat(mine.previousRenewTime()).isEqualTo(local(2));
        assertThat(mine.acquireTime()).isEqualTo(local(13));
        assertThat(mine.renewTime()).as("the holder counts its own renewal from the start of the call")
                .isEqualTo(local(12.5));
        assertThat(lease.asRead().holder()).isEqualTo("me");
    }

    @Test
    void aReleaseKeepsTheLastRenewalAsSeen() {
        LeaseOnOwnClock lease = new LeaseOnOwnClock(LEASE);
        lease.read(record("old", local(-50), local(-40)), local(2));
        lease.read(new LeadershipView(null, local(-50), local(-40), LEASE, null), local(3));
        lease.acquired(record("me", local(4), local(4)), local(3.5), local(4));

        assertThat(lease.onOwnClock().previousRenewTime()).isEqualTo(local(2));
    }

    private static ReplicaReport report(String name, Instant readAt, Instant renewedAt, Instant publishedAt) {
        return new ReplicaReport(new ReplicaId(name, name, name + "-0", null, name, name), AvailabilityMode.SYNCHRONOUS_COMMIT,
                ReplicaRole.SECONDARY, 7L, Map.of(), null, renewedAt, true, HealthVerdict.healthy("ok"), null, readAt,
                publishedAt);
    }

    @Test
    void aReportIsPlacedByTheReadsThatShowedItAndItsWritersOwnDurations() {
        ReportsOnOwnClock reports = new ReportsOnOwnClock(Duration.ofSeconds(3));
        Instant remote = local(-100);
        ReplicaReport first = report("b", remote, remote, remote.plusSeconds(1));
        reports.read(List.of(first), local(1), local(1.1));
        assertThat(reports.reports().get(0).reportedAt()).as("already there at the first read: taken as just stale")
                .isEqualTo(local(1).minusSeconds(3).minusSeconds(1));

        // read at remote+2, its write lease renewed at remote+4, published at remote+5 (4 s of tick in between)
        ReplicaReport next = report("b", remote.plusSeconds(2), remote.plusSeconds(4), remote.plusSeconds(5));
        reports.read(List.of(next), local(2), local(2.2));
        ReplicaReport onOwnClock = reports.reports().get(0);
        assertThat(onOwnClock.reportedAt()).as("published after the previous read began (1 s), read 3 s before that")
                .isEqualTo(local(-2));
        assertThat(onOwnClock.writeLeaseRenewedAt()).as("published by the end of this read, renewed 1 s before that")
                .isEqualTo(local(1.2));

        reports.read(List.of(next), local(3), local(3.1));
        assertThat(reports.reports().get(0)).as("an unchanged report keeps its times and ages").isEqualTo(onOwnClock);
    }
}
