package io.github.mssqlk8s.ha;

import java.time.Instant;
import java.util.Optional;

/**
 * What starts an automatic failover. Two are seen by the primary's own agent (its instance failed per
 * its monitor policy; a database failed under DB_FAILOVER), one by everybody else (the primary is gone:
 * its Lease ran out).
 */
public final class FailoverTriggers {

    private FailoverTriggers() {
    }

    /** Why the local primary should hand over, empty when it is fit to stay. */
    public static Optional<String> onPrimary(LocalReplica primary) {
        HealthVerdict health = primary.observed().health();
        if (health.isFailed()) {
            return Optional.of("primary health failed: " + health.reason());
        }
        if (primary.databaseHealth().isFailed()) {
            return Optional.of("primary database failed (DB_FAILOVER): " + primary.databaseHealth().reason());
        }
        return Optional.empty();
    }

    /** The primary is gone when nobody holds an unexpired Lease. */
    public static boolean primaryGone(LeadershipView leadership, Instant now) {
        return !leadership.isHeld(now);
    }
}
