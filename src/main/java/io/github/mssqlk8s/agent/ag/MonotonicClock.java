package io.github.mssqlk8s.agent.ag;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The agent's clock for decisions: it starts at the wall clock's reading and then advances with
 * {@link System#nanoTime()} only, so a stepped or skewed wall clock never shortens a Lease or a write-lease wait
 * (contract §6). Times written to the API server still come from the wall clock.
 */
final class MonotonicClock extends Clock {

    private final Instant anchor;
    private final long anchorNanos;

    MonotonicClock(Clock wall) {
        this.anchor = wall.instant();
        this.anchorNanos = System.nanoTime();
    }

    @Override
    public Instant instant() {
        return anchor.plusNanos(System.nanoTime() - anchorNanos);
    }

    /** The {@link System#nanoTime()} reading at which this clock shows {@code instant}. */
    long nanoTimeAt(Instant instant) {
        return anchorNanos + java.time.Duration.between(anchor, instant).toNanos();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the agent's monotonic clock is UTC only");
    }
}
