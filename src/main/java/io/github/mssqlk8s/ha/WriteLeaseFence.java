package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The write-lease rule that keeps two primaries from accepting writes (contract §6): a new leader
 * promotes only once no other replica can still hold a valid SQL write lease.
 *
 * <p>Every time here is on the deciding agent's own clock (contract §6): the agent moves the Lease and its peers'
 * reports onto it before deciding (a Lease renewal counts from when this agent first saw it, a report from the
 * latest moment it can have been read).
 *
 * <p>A replica is known to be harmless when it reported a non-primary role (RESOLVING, SECONDARY,
 * NOT_JOINED) from a SQL read made at or after the moment this leader acquired the Lease: from then on only this
 * leader may promote anyone. For every other replica (reported PRIMARY, or stale, or silent) an upper bound of its
 * last write-lease renewal is taken, the smallest one known:
 * <ul>
 *   <li>the earlier of this leader's acquire time and the moment it first saw the renewal of the Lease record it
 *       replaced, plus one monitor period — a holder renews the write lease only within one monitor period of
 *       the start of a successful Lease renewal (checked by SQL Server itself in the renewal batch), and nobody
 *       renewed the Lease after that record;</li>
 *   <li>for a replica whose agent reported that it released leadership, the write-lease renewal time it
 *       reported, which is then final.</li>
 * </ul>
 * Its lease has run out at that bound + validity + margin (rate differences between clocks, SQL Server's own lag
 * in enforcing expiry).
 * A replica reported down (no connection for the connect timeout) is no exception: its bound comes from
 * its final renewal time like any released one, which is fast exactly when its agent could not renew.
 */
public final class WriteLeaseFence {

    private WriteLeaseFence() {
    }

    /** For the Lease holder {@code snapshot.local()}: from when it may promote itself. */
    public static FenceCheck check(AgSnapshot snapshot) {
        LeadershipView lease = snapshot.leadership();
        TimingSettings timing = snapshot.timing();
        Instant acquired = lease.acquireTime();
        if (acquired == null) {
            throw new IllegalStateException("the write-lease fence is checked by the Lease holder only");
        }
        Instant lastLeaseRenewal = acquired;
        if (lease.previousRenewTime() != null && lease.previousRenewTime().isBefore(acquired)) {
            lastLeaseRenewal = lease.previousRenewTime();
        }
        // the write lease may be renewed up to one monitor period after the Lease renewal it follows
        Instant anyoneBound = lastLeaseRenewal.plus(timing.monitorPeriod());
        Duration validityAndMargin = timing.writeLeaseValidity().plus(timing.writeLeaseMargin());

        Instant clearAt = null;
        String waitedFor = null;
        for (String other : otherReplicas(snapshot)) {
            ReplicaReport report = snapshot.report(other).orElse(null);
            if (report != null && report.isDemoted() && !report.reportedAt().isBefore(acquired)) {
                continue;
            }
            Instant lastRenewal = anyoneBound;
            if (report != null && report.leadershipReleased() && report.writeLeaseRenewedAt() != null
                    && report.writeLeaseRenewedAt().isBefore(lastRenewal)) {
                lastRenewal = report.writeLeaseRenewedAt();
            }
            Instant expiry = lastRenewal.plus(validityAndMargin);
            if (clearAt == null || expiry.isAfter(clearAt)) {
                clearAt = expiry;
                waitedFor = other;
            }
        }
        if (clearAt == null) {
            return FenceCheck.nobodyToWaitFor("every other replica reported a non-primary role since leadership was taken");
        }
        return new FenceCheck(clearAt, "the SQL write lease of " + waitedFor + " runs out by " + clearAt
                + " (last possible renewal + " + Durations.format(timing.writeLeaseValidity()) + " validity + "
                + Durations.format(timing.writeLeaseMargin()) + " margin)");
    }

    private static Set<String> otherReplicas(AgSnapshot snapshot) {
        Set<String> names = new LinkedHashSet<>();
        snapshot.membership().forEach(m -> names.add(m.name()));
        snapshot.peers().forEach(p -> names.add(p.name()));
        names.remove(snapshot.local().name());
        return names;
    }
}
