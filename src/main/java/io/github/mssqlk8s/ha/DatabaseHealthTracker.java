package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Remembers, across ticks, since when each database has been in a transient state. It is an immutable
 * value: each tick threads the previous tracker through {@link #observe} and keeps the result.
 *
 * <p>A database counts from the first tick it was seen in any transient state; moving between transient
 * states (RECOVERING → RECOVERY_PENDING) keeps that first-seen time, reaching ONLINE (or disappearing)
 * forgets it. Permanent failures need no memory: they fail at once.
 */
public record DatabaseHealthTracker(Map<String, Instant> transientSince) {

    public DatabaseHealthTracker {
        transientSince = Map.copyOf(transientSince);
    }

    public static DatabaseHealthTracker empty() {
        return new DatabaseHealthTracker(Map.of());
    }

    /** The tracker after seeing {@code states} (database name → state) at {@code now}. */
    public DatabaseHealthTracker observe(Map<String, DatabaseState> states, Instant now) {
        Map<String, Instant> next = new TreeMap<>();
        states.forEach((db, state) -> {
            if (state.kind() == DatabaseState.Kind.TRANSIENT) {
                next.put(db, transientSince.getOrDefault(db, now));
            }
        });
        return new DatabaseHealthTracker(next);
    }

    /**
     * Judges {@code states}, which must be the ones last passed to {@link #observe}. Reports the first
     * failing database by name so that the reason is stable from tick to tick.
     */
    public DatabaseHealthVerdict judge(Map<String, DatabaseState> states, Duration transientTimeout, Instant now) {
        Map<String, DatabaseState> byName = new TreeMap<>(states);
        for (Map.Entry<String, DatabaseState> e : byName.entrySet()) {
            if (e.getValue().kind() == DatabaseState.Kind.PERMANENT_FAILURE) {
                return new DatabaseHealthVerdict(DatabaseHealthVerdict.Status.FAILED,
                        "database " + e.getKey() + " is " + e.getValue() + ", a permanent failure");
            }
        }
        String waiting = null;
        for (Map.Entry<String, DatabaseState> e : byName.entrySet()) {
            if (e.getValue().kind() != DatabaseState.Kind.TRANSIENT) {
                continue;
            }
            Instant since = transientSince.getOrDefault(e.getKey(), now);
            Duration lasted = Durations.until(since, now);
            if (lasted.compareTo(transientTimeout) > 0) {
                return new DatabaseHealthVerdict(DatabaseHealthVerdict.Status.FAILED,
                        "database " + e.getKey() + " has been " + e.getValue() + " for " + Durations.format(lasted)
                                + ", past the transient timeout of " + Durations.format(transientTimeout));
            }
            if (waiting == null) {
                waiting = "database " + e.getKey() + " is " + e.getValue() + " for " + Durations.format(lasted)
                        + "; it fails after " + Durations.format(transientTimeout);
            }
        }
        return waiting == null ? DatabaseHealthVerdict.healthy()
                : new DatabaseHealthVerdict(DatabaseHealthVerdict.Status.TRANSIENT, waiting);
    }
}
