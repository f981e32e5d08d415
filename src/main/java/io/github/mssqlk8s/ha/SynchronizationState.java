package io.github.mssqlk8s.ha;

/** {@code sys.dm_hadr_database_replica_states.synchronization_state_desc}. */
public enum SynchronizationState {
    NOT_SYNCHRONIZING, SYNCHRONIZING, SYNCHRONIZED, REVERTING, INITIALIZING
}
