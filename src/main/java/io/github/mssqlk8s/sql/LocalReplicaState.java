package io.github.mssqlk8s.sql;

import io.github.mssqlk8s.ha.AvailabilityMode;
import io.github.mssqlk8s.ha.ConfiguredReplica;
import io.github.mssqlk8s.ha.DatabaseState;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.ha.SynchronizationState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local replica of one AG as its DMVs show it, read in one go by {@link AvailabilityGroupSql#read}.
 *
 * @param role                 PRIMARY, SECONDARY, RESOLVING, or NOT_JOINED when the AG has no local replica here
 * @param mode                 the local replica's availability mode, null when not joined
 * @param sequenceNumber       {@code sys.availability_groups.sequence_number}, null when the AG is unknown here
 * @param requiredSynchronizedSecondaries RSSTC as configured, null when unknown
 * @param writeLeaseRemaining  {@code write_lease_remaining_ticks} (primary only), null otherwise
 * @param synchronization      per availability database, its local synchronization state
 * @param databaseStates       per availability database, {@code sys.databases.state_desc}
 * @param configuredReplicas   the AG's replicas ({@code sys.availability_replicas}) as this replica's
 *                             copy of the configuration has them; empty when not joined
 * @param suspendedDatabases   availability databases whose data movement to this replica is SUSPENDED
 *                             ({@code is_suspended}), e.g. after a forced failover
 * @param configurationCommitStart {@code current_configuration_commit_start_time_utc} of the local replica as SQL
 *                             Server shows it, null when no configuration commit is waiting; only ever compared with
 *                             itself (which commit), never with a clock
 */
public record LocalReplicaState(ReplicaRole role, AvailabilityMode mode, Long sequenceNumber,
                                Integer requiredSynchronizedSecondaries, Duration writeLeaseRemaining,
                                Map<String, SynchronizationState> synchronization,
                                Map<String, DatabaseState> databaseStates, List<ConfiguredReplica> configuredReplicas,
                                Set<String> suspendedDatabases, String configurationCommitStart) {

    public LocalReplicaState {
        synchronization = Map.copyOf(synchronization);
        databaseStates = Map.copyOf(databaseStates);
        configuredReplicas = List.copyOf(configuredReplicas);
        suspendedDatabases = Set.copyOf(suspendedDatabases);
    }

    public LocalReplicaState(ReplicaRole role, AvailabilityMode mode, Long sequenceNumber,
                             Integer requiredSynchronizedSecondaries, Duration writeLeaseRemaining,
                             Map<String, SynchronizationState> synchronization,
                             Map<String, DatabaseState> databaseStates, List<ConfiguredReplica> configuredReplicas) {
        this(role, mode, sequenceNumber, requiredSynchronizedSecondaries, writeLeaseRemaining, synchronization,
                databaseStates, configuredReplicas, Set.of(), null);
    }
}
