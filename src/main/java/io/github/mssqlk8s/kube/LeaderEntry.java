package io.github.mssqlk8s.kube;

import java.time.Instant;
import java.util.Map;

/**
 * The ConfigMap key {@code leader}, written by the Lease holder's agent when it changes.
 *
 * @param leader       the SqlServer name holding the AG's Lease
 * @param primary      the SqlServer name that is primary, null when none is
 * @param updatedAt    when this entry was written
 * @param lastFailover the last failover, null when none is known
 * @param notPromoted  per candidate not promoted, why not
 * @param lastDecision the leader's latest decision with its reason
 */
public record LeaderEntry(String leader, String primary, Instant updatedAt, LastFailover lastFailover,
                          Map<String, String> notPromoted, String lastDecision) {

    public LeaderEntry {
        notPromoted = notPromoted == null ? Map.of() : Map.copyOf(notPromoted);
    }
}
