package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.ha.LeadershipView;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The AG's Lease moved onto this agent's own monotonic clock, as client-go does (contract §6): a renewal counts
 * from when this agent first saw it (the end of the read that showed it), or, for its own renewals, from when it
 * started the call. The holder's {@code renewTime} is never compared with this agent's clock. The record as read
 * ({@link #asRead()}) is kept for the compare-and-swap of an acquisition: only the very renewal seen to expire may
 * be replaced.
 */
final class LeaseOnOwnClock {

    private final Duration leaseDuration;
    private LeadershipView asRead;
    private Instant renewalSeenAt;
    private Instant tenureSeenAt;
    private Instant previousRenewalSeenAt;

    LeaseOnOwnClock(Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
        this.asRead = LeadershipView.vacant(leaseDuration);
    }

    /** A read that ended at {@code seenBy}: a renewal not seen before counts from then. */
    void read(LeadershipView record, Instant seenBy) {
        if (sameRenewal(record, asRead)) {
            return;
        }
        if (holds(asRead) && !holds(record) && Objects.equals(record.renewTime(), asRead.renewTime())) {
            // released: the last renewal is still the one seen at renewalSeenAt
            asRead = record;
            return;
        }
        if (!sameTenure(record, asRead)) {
            tenureSeenAt = seenBy;
            previousRenewalSeenAt = null;
        }
        renewalSeenAt = seenBy;
        asRead = record;
    }

    /** This agent renewed its own Lease with a call it started at {@code startedAt}. */
    void renewed(LeadershipView record, Instant startedAt) {
        if (!sameTenure(record, asRead)) {
            tenureSeenAt = startedAt;
        }
        renewalSeenAt = startedAt;
        asRead = record;
    }

    /**
     * This agent took the Lease with a call from {@code startedAt} to {@code endedAt}: the replaced record's renewal
     * was seen at {@code renewalSeenAt} (it was the one seen to expire); the tenure counts from the end of the call.
     */
    void acquired(LeadershipView record, Instant startedAt, Instant endedAt) {
        boolean reacquired = sameTenure(record, asRead);
        if (!reacquired) {
            previousRenewalSeenAt = renewalSeenAt;
            tenureSeenAt = endedAt;
        }
        renewalSeenAt = startedAt;
        asRead = record;
    }

    void released() {
        asRead = LeadershipView.vacant(leaseDuration);
        renewalSeenAt = null;
        tenureSeenAt = null;
        previousRenewalSeenAt = null;
    }

    /** The record as the API server returned it. */
    LeadershipView asRead() {
        return asRead;
    }

    /** The Lease with this agent's own times, for the decider. */
    LeadershipView onOwnClock() {
        if (!holds(asRead)) {
            return LeadershipView.vacant(asRead.leaseDuration());
        }
        return new LeadershipView(asRead.holder(), tenureSeenAt, renewalSeenAt, asRead.leaseDuration(),
                previousRenewalSeenAt);
    }

    private static boolean holds(LeadershipView record) {
        return record.holder() != null && !record.holder().isEmpty();
    }

    private static boolean sameTenure(LeadershipView a, LeadershipView b) {
        return holds(a) && holds(b) && a.holder().equals(b.holder()) && Objects.equals(a.acquireTime(), b.acquireTime());
    }

    private static boolean sameRenewal(LeadershipView a, LeadershipView b) {
        return holds(a) == holds(b) && Objects.equals(a.holder(), b.holder())
                && Objects.equals(a.acquireTime(), b.acquireTime()) && Objects.equals(a.renewTime(), b.renewTime())
                && a.leaseDuration().equals(b.leaseDuration());
    }
}
