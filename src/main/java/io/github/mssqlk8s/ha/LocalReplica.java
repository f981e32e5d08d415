package io.github.mssqlk8s.ha;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * This agent's own replica, observed this tick: everything a peer report says plus what only the local
 * agent knows.
 *
 * @param observed                  the current observation, shaped like a report
 * @param configuredReplicas        the AG's replicas as configured ({@code sys.availability_replicas}),
 *                                  meaningful on the primary; empty elsewhere
 * @param currentRsstc              {@code required_synchronized_secondaries_to_commit}, null when unknown
 * @param databaseHealth            DB_FAILOVER health of the local databases (from {@link DatabaseHealthTracker})
 * @param commitPendingSince        since when a configuration statement (e.g. a write-lease renewal) has
 *                                  been hanging, null when none is
 * @param sqlUnreachableSince       since when every SQL read has failed (the agent's clock), null when the last
 *                                  one succeeded
 */
public record LocalReplica(ReplicaReport observed, List<ConfiguredReplica> configuredReplicas, Integer currentRsstc,
                           DatabaseHealthVerdict databaseHealth, Instant commitPendingSince, Instant sqlUnreachableSince) {

    public LocalReplica(ReplicaReport observed, List<ConfiguredReplica> configuredReplicas, Integer currentRsstc,
                        DatabaseHealthVerdict databaseHealth, Instant commitPendingSince) {
        this(observed, configuredReplicas, currentRsstc, databaseHealth, commitPendingSince, null);
    }

    public LocalReplica {
        Objects.requireNonNull(observed, "observed");
        configuredReplicas = List.copyOf(configuredReplicas);
        Objects.requireNonNull(databaseHealth, "databaseHealth");
    }

    public String name() {
        return observed.name();
    }

    public ReplicaRole role() {
        return observed.role();
    }
}
