package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.ha.SqlServerVersion;
import io.github.mssqlk8s.sim.engine.AvailabilityGroupState.RemoteReplica;
import io.github.mssqlk8s.sim.engine.AvailabilityGroupState.Role;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The background thread that plays the mirroring endpoints: every few milliseconds each primary publishes its
 * configuration to the secondaries it can reach, seeds missing databases, ships log records (honouring link
 * delays) and records what each secondary hardened. Secondaries it cannot reach become NOT SYNCHRONIZING, and so do
 * those on an older SQL Server version than the primary (log never flows from a newer version to an older one).
 */
final class LogShipper extends Thread {

    private static final long PASS_MILLIS = 5;
    static final String SYNCHRONIZED = "SYNCHRONIZED";
    static final String SYNCHRONIZING = "SYNCHRONIZING";
    static final String NOT_SYNCHRONIZING = "NOT SYNCHRONIZING";

    private final SimNetwork network;
    private volatile boolean running = true;

    LogShipper(SimNetwork network) {
        super("sim-log-shipper");
        setDaemon(true);
        this.network = network;
    }

    void shutdown() {
        running = false;
        interrupt();
    }

    @Override
    public void run() {
        while (running) {
            try {
                network.lockedQuietly(() -> {
                    shipOnce();
                    return null;
                });
            } catch (RuntimeException e) {
                // A bug in one pass must not stop replication for the rest of the test run.
                System.err.println("[sim] log shipper pass failed: " + e);
            }
            try {
                Thread.sleep(PASS_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One pass over every primary; must run under the network lock. */
    void shipOnce() {
        Set<String> reached = new HashSet<>();
        for (SimulatedInstance primary : network.instancesUnlocked()) {
            if (!primary.isServing()) {
                continue;
            }
            for (AvailabilityGroupState ag : primary.availabilityGroups.values()) {
                primary.checkLease(ag);
                if (ag.localRole != Role.PRIMARY) {
                    continue;
                }
                for (ReplicaConfig replica : ag.replicas) {
                    if (replica.serverName.equalsIgnoreCase(primary.name)) {
                        continue;
                    }
                    SimulatedInstance secondary = network.resolve(replica);
                    if (serve(primary, ag, replica, secondary)) {
                        reached.add(key(secondary, ag.name));
                    }
                    if (ag.localRole != Role.PRIMARY) {
                        break;
                    }
                }
            }
        }
        markUnreached(reached);
    }

    private static String key(SimulatedInstance i, String ag) {
        return (i.name + "|" + ag).toLowerCase(Locale.ROOT);
    }

    /** Serves one secondary; returns whether it was reached. */
    private boolean serve(SimulatedInstance primary, AvailabilityGroupState ag, ReplicaConfig replica,
            SimulatedInstance secondary) {
        RemoteReplica remote = ag.remote(replica.serverName);
        AvailabilityGroupState local = secondary == null ? null : secondary.availabilityGroups.get(ag.name);
        boolean up = local != null && network.reachable(primary, secondary)
                && (local.groupId == null || local.groupId.equals(ag.groupId));
        EngineBehaviour behaviour = network.behaviour();
        if (up && local.localRole == Role.PRIMARY) {
            if (!behaviour.oldPrimaryStaysPrimary) {
                // Politely, two primaries that meet settle it: the one with the older configuration gives way.
                AvailabilityGroupState loser = local.sequenceNumber > ag.sequenceNumber ? ag : local;
                loser.goResolving();
            }
            up = false;
        }
        if (up && local.localRole == Role.RESOLVING) {
            up = false;
        }
        if (up && behaviour.oldPrimaryStaysPrimary && local.sequenceNumber > ag.sequenceNumber && !local.mayHaveDiverged) {
            // A secondary of a newer primary does not go back to an older primary that still believes it leads.
            up = false;
        }
        remote.connected = up;
        if (!up) {
            remote.syncState.replaceAll((db, s) -> NOT_SYNCHRONIZING);
            noteSynchronizedSet(ag, remote, false);
            return false;
        }
        if (ag.synchronizedSetChangePending && replica.isSynchronous()) {
            ag.sequenceNumber++;
            ag.synchronizedSetChangePending = false;
            ag.configurationCommitStartedAt = null;
        }
        boolean missedForcedFailover = local.sequenceNumber < ag.forcedFailoverSequence;
        local.adoptConfiguration(ag);
        if (missedForcedFailover && behaviour.suspendAfterForcedFailover) {
            suspendDatabases(secondary, ag);
        }
        remote.sequenceSeen = ag.sequenceNumber;
        local.connectedToPrimary = true;
        local.primaryServer = primary.name;
        if (!replica.isConfigurationOnly() && olderThan(secondary, primary)) {
            // SQL Server cannot send log to a replica on an older version: connected, but no data movement.
            for (String dbName : ag.databases) {
                suspendOlder(secondary, ag, remote, dbName);
            }
        } else if (!replica.isConfigurationOnly()) {
            long minAge = network.link(primary.name, secondary.name).delay().toNanos();
            for (String dbName : ag.databases) {
                shipDatabase(primary, secondary, ag, local, replica, remote, dbName, minAge);
            }
        }
        local.mayHaveDiverged = false;
        noteSynchronizedSet(ag, remote, replica.isSynchronous() && !ag.databases.isEmpty()
                && ag.databases.stream().allMatch(db -> SYNCHRONIZED.equals(remote.syncState.get(db.toLowerCase(Locale.ROOT)))));
        return true;
    }

    /**
     * As SQL Server does, a synchronous secondary leaving the synchronized set is a configuration change on the
     * primary: the sequence number grows when the change reaches a synchronous secondary, and no secondary counts
     * for a commit before it adopted the change. A secondary that dropped out and then missed acknowledged commits
     * therefore has a lower sequence number than one that has them — what lets an external cluster manager
     * promote the right one. A primary cut off from every secondary cannot publish the change (it is stuck), so
     * its sequence number does not grow.
     */
    private static void noteSynchronizedSet(AvailabilityGroupState ag, RemoteReplica remote, boolean inSet) {
        if (remote.inSynchronizedSet && !inSet) {
            if (!ag.synchronizedSetChangePending && ag.requiredSynchronizedSecondaries >= 1) {
                ag.configurationCommitStartedAt = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC);
            }
            ag.synchronizedSetChangePending = true;
            ag.synchronizedSetChangedAt = ag.sequenceNumber + 1;
        }
        remote.inSynchronizedSet = inSet;
    }

    private void shipDatabase(SimulatedInstance primary, SimulatedInstance secondary, AvailabilityGroupState ag,
            AvailabilityGroupState local, ReplicaConfig replica, RemoteReplica remote, String dbName, long minAge) {
        Database source = primary.databases.get(dbName);
        if (source == null) {
            return;
        }
        Database target = secondary.databases.get(dbName);
        if (target == null) {
            if (!replica.seedingMode.equals("AUTOMATIC") || !local.createAnyDatabaseGranted) {
                remote.syncState.put(dbName.toLowerCase(Locale.ROOT), NOT_SYNCHRONIZING);
                return;
            }
            target = source.seedCopy(secondary.newDatabaseId(), secondary.now());
            target.availabilityGroup = ag.name;
            secondary.databases.put(target.name, target);
        } else if (!ag.name.equalsIgnoreCase(target.availabilityGroup)) {
            remote.syncState.put(dbName.toLowerCase(Locale.ROOT), NOT_SYNCHRONIZING);
            return;
        }
        String key = dbName.toLowerCase(Locale.ROOT);
        if (target.suspended) {
            target.syncState = NOT_SYNCHRONIZING;
            target.failoverReady = false;
            remote.syncState.put(key, NOT_SYNCHRONIZING);
            remote.suspended.add(key);
            return;
        }
        remote.suspended.remove(key);
        if (diverged(source, target)) {
            target.resetFrom(source);
        }
        long now = primary.nanoTime();
        for (long lsn = target.lastLsn() + 1; lsn <= source.lastLsn(); lsn++) {
            LogRecord r = source.recordAt(lsn);
            if (now - r.createdNanos() < minAge) {
                break;
            }
            target.applyShipped(r);
        }
        boolean caughtUp = target.lastLsn() == source.lastLsn();
        String state = caughtUp && replica.isSynchronous() ? SYNCHRONIZED : SYNCHRONIZING;
        target.syncState = state;
        target.failoverReady = state.equals(SYNCHRONIZED);
        remote.hardenedLsn.put(dbName.toLowerCase(Locale.ROOT), target.lastLsn());
        remote.syncState.put(dbName.toLowerCase(Locale.ROOT), state);
    }

    private static boolean olderThan(SimulatedInstance secondary, SimulatedInstance primary) {
        return SqlServerVersion.parse(secondary.productVersion())
                .isOlderThan(SqlServerVersion.parse(primary.productVersion()));
    }

    private static void suspendOlder(SimulatedInstance secondary, AvailabilityGroupState ag, RemoteReplica remote,
            String dbName) {
        Database target = secondary.databases.get(dbName);
        if (target != null && ag.name.equalsIgnoreCase(target.availabilityGroup)) {
            target.syncState = NOT_SYNCHRONIZING;
            target.failoverReady = false;
        }
        remote.syncState.put(dbName.toLowerCase(Locale.ROOT), NOT_SYNCHRONIZING);
    }

    /**
     * SQL Server documents that after a forced failover the other secondaries' databases, and the former primary's
     * when it comes back, are SUSPENDED and must be resumed by hand (ALTER DATABASE … SET HADR RESUME).
     */
    private static void suspendDatabases(SimulatedInstance secondary, AvailabilityGroupState ag) {
        for (String dbName : ag.databases) {
            Database db = secondary.databases.get(dbName);
            if (db != null && ag.name.equalsIgnoreCase(db.availabilityGroup)) {
                db.suspended = true;
            }
        }
    }

    /** A secondary that is ahead, or whose last record differs from the primary's, has another history. */
    private static boolean diverged(Database source, Database target) {
        long last = target.lastLsn();
        if (last == 0) {
            return false;
        }
        LogRecord theirs = source.recordAt(last);
        return theirs == null || theirs.uid() != target.recordAt(last).uid();
    }

    /** Secondaries no primary reached in this pass lose their connection; their failover readiness stays frozen. */
    private void markUnreached(Set<String> reached) {
        for (SimulatedInstance i : network.instancesUnlocked()) {
            for (AvailabilityGroupState ag : i.availabilityGroups.values()) {
                if (ag.localRole == Role.PRIMARY || reached.contains(key(i, ag.name))) {
                    continue;
                }
                ag.connectedToPrimary = false;
                for (Database db : i.databases.values()) {
                    if (ag.name.equalsIgnoreCase(db.availabilityGroup)) {
                        db.syncState = NOT_SYNCHRONIZING;
                    }
                }
            }
        }
    }
}
