package io.github.mssqlk8s.sim.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One instance's copy of an availability group: configuration (copied from the primary by the log shipper),
 * the local role, the write lease and, on the primary, what it knows of each secondary.
 */
final class AvailabilityGroupState {

    enum Role {
        RESOLVING(0), PRIMARY(1), SECONDARY(2);

        final short code;

        Role(int code) {
            this.code = (short) code;
        }
    }

    /** What the primary knows of one secondary. */
    static final class RemoteReplica {
        boolean connected;
        /** Whether the primary last saw it as a synchronous secondary with every database SYNCHRONIZED. */
        boolean inSynchronizedSet;
        /** The sequence number of the configuration it last adopted from this primary. */
        long sequenceSeen;
        final Map<String, Long> hardenedLsn = new HashMap<>();
        /** Databases whose data movement to this secondary is suspended (lower-case names). */
        final Set<String> suspended = new java.util.HashSet<>();
        final Map<String, String> syncState = new HashMap<>();
    }

    final String name;
    final int numericId;
    UUID groupId;
    String clusterType = "EXTERNAL";
    boolean dbFailover;
    int writeLeaseValiditySeconds;
    int requiredSynchronizedSecondaries;
    long sequenceNumber;
    /**
     * Primary side: a synchronous secondary left the synchronized set and the configuration change that records
     * it waits for a synchronous secondary to publish it to. Until a secondary adopted the change
     * ({@link #synchronizedSetChangedAt}) it does not count for commits.
     */
    boolean synchronizedSetChangePending;
    long synchronizedSetChangedAt;
    /**
     * When the configuration commit still in progress started (UTC), for
     * {@code current_configuration_commit_start_time_utc}: a pending change of the synchronized set (RSSTC ≥ 1) or a
     * configuration statement waiting for a synchronous secondary; null when none is in progress.
     */
    java.time.LocalDateTime configurationCommitStartedAt;
    /** The sequence number a FORCE_FAILOVER_ALLOW_DATA_LOSS gave the group (0: none); copied to secondaries. */
    long forcedFailoverSequence;
    List<ReplicaConfig> replicas = new ArrayList<>();
    Set<String> databases = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    Role localRole;
    boolean createAnyDatabaseGranted;
    /**
     * nanoTime of the lease's end, as the last renewal (or FAILOVER) set it; enforced only while {@link #leaseActive}
     * (on a primary), kept across role changes as the replica's own lease.
     */
    long leaseExpiryNanos;
    /** Whether {@link #leaseExpiryNanos} was ever set on this replica. */
    boolean leaseEverSet;
    boolean leaseActive;
    /** Secondary side: whether the primary currently ships to us, and who it is. */
    boolean connectedToPrimary;
    String primaryServer;
    /** Set when this replica's history may have diverged from the primary's (it was primary itself). */
    boolean mayHaveDiverged;
    /**
     * Whether this replica was PRIMARY when it went RESOLVING (OFFLINE, lease expiry, restart, meeting a newer
     * primary). Its own log then holds every commit of its configuration, so FAILOVER accepts it without
     * forcing, as SQL Server lets an external cluster manager promote a RESOLVING former primary.
     */
    boolean resolvingFormerPrimary;
    final Map<String, RemoteReplica> remotes = new HashMap<>();

    AvailabilityGroupState(String name, int numericId, UUID groupId, Role localRole) {
        this.name = name;
        this.numericId = numericId;
        this.groupId = groupId;
        this.localRole = localRole;
    }

    /** Takes the local replica offline: RESOLVING, no write lease; a primary's history may now diverge. */
    void goResolving() {
        boolean wasPrimary = localRole == Role.PRIMARY || (localRole == Role.RESOLVING && resolvingFormerPrimary);
        if (localRole == Role.PRIMARY) {
            mayHaveDiverged = true;
        }
        localRole = Role.RESOLVING;
        resolvingFormerPrimary = wasPrimary;
        leaseActive = false;
    }

    /** Leaves RESOLVING (or any role) for {@code role}. */
    void takeRole(Role role) {
        localRole = role;
        resolvingFormerPrimary = false;
    }

    ReplicaConfig replica(String serverName) {
        return replicas.stream().filter(r -> r.serverName.equalsIgnoreCase(serverName)).findFirst().orElse(null);
    }

    RemoteReplica remote(String serverName) {
        return remotes.computeIfAbsent(serverName.toLowerCase(java.util.Locale.ROOT), k -> new RemoteReplica());
    }

    /** Copies the configuration a primary publishes (everything but local role and local flags). */
    void adoptConfiguration(AvailabilityGroupState primary) {
        groupId = primary.groupId;
        clusterType = primary.clusterType;
        dbFailover = primary.dbFailover;
        writeLeaseValiditySeconds = primary.writeLeaseValiditySeconds;
        requiredSynchronizedSecondaries = primary.requiredSynchronizedSecondaries;
        sequenceNumber = primary.sequenceNumber;
        forcedFailoverSequence = primary.forcedFailoverSequence;
        replicas = new ArrayList<>(primary.replicas.stream().map(ReplicaConfig::copy).toList());
        databases = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        databases.addAll(primary.databases);
    }
}
