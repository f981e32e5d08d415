package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.time.Instant;

/**
 * How long SQL Server's refusal to promote a replica (41142: not synchronized; 47109 for a configuration-only one)
 * keeps that replica out of automatic promotion (F7). The refusal must outlast the round in which it happened, or
 * the same replica is chosen and refused again at once; but it must not be sticky: databases still recovering after
 * a whole-AG restart refuse every candidate in turn, and a replica that has since caught up must be choosable again.
 * One Lease duration is one leadership round. Only the refused replica's own agent expires its refusal, by its own
 * monotonic clock (contract §6: no time is compared across pods); peers just see the refusal disappear from its report.
 */
public final class PromotionRefusal {

    private PromotionRefusal() {
    }

    /** How long a refusal stands. */
    public static Duration lasts(TimingSettings timing) {
        return timing.leaseDuration();
    }

    /**
     * The refusal that still stands at {@code now}: {@code refusedAt}, or null once it has lasted {@link #lasts}
     * (or when there is none). Both times are the refused replica's own agent's clock.
     */
    public static Instant standing(Instant refusedAt, Instant now, TimingSettings timing) {
        if (refusedAt == null || Durations.exceeded(refusedAt, lasts(timing), now)) {
            return null;
        }
        return refusedAt;
    }
}
