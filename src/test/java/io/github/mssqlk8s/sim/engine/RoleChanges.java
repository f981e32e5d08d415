package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import io.github.mssqlk8s.sim.engine.AvailabilityGroupState.Role;

/**
 * Role changes of the local replica and the write lease: FAILOVER, FORCE_FAILOVER_ALLOW_DATA_LOSS, OFFLINE,
 * SET (ROLE = SECONDARY), SET (WRITE_LEASE_VALIDITY = s). On an EXTERNAL group each needs the session context
 * {@code external_cluster = yes}, as the external cluster manager sets it.
 */
final class RoleChanges {

    private RoleChanges() {
    }

    static void requireExternalClusterContext(ExecContext ctx, AvailabilityGroupState ag) throws SimSqlException {
        Object flag = ctx.session.sessionContext.get("external_cluster");
        if (ag.clusterType.equals("EXTERNAL") && (flag == null || !flag.toString().equalsIgnoreCase("yes"))) {
            throw Errors.externalClusterOnly(ag.name);
        }
    }

    /** SET (ROLE = SECONDARY): a RESOLVING (or primary) replica follows the current primary again. */
    static void becomeSecondary(ExecContext ctx, AvailabilityGroupState ag, String role) throws SimSqlException {
        requireExternalClusterContext(ctx, ag);
        if (!"SECONDARY".equals(role)) {
            throw Errors.syntax(role);
        }
        if (ag.localRole == Role.SECONDARY) {
            throw Errors.roleChangeFailed(ag.name, "the local replica already is in the SECONDARY role");
        }
        ag.mayHaveDiverged = true;
        ag.takeRole(Role.SECONDARY);
        ag.leaseActive = false;
        ag.remotes.clear();
    }

    /**
     * SQL Server 2019+ write lease; the expiry never moves backwards (47119). Politely only the primary of an EXTERNAL
     * group accepts it (47116 elsewhere); with {@link EngineBehaviour.LeaseAtFailover#REPLICA_OWN} any replica of an
     * EXTERNAL group created WITH (WRITE_LEASE_VALIDITY = …) does, as Microsoft's Pacemaker agent implies.
     */
    static void renewLease(ExecContext ctx, AvailabilityGroupState ag, int seconds) throws SimSqlException {
        requireExternalClusterContext(ctx, ag);
        SimulatedInstance instance = ctx.instance;
        boolean primary = ag.localRole == Role.PRIMARY;
        boolean onAnyReplica = instance.behaviour().leaseAtFailover == EngineBehaviour.LeaseAtFailover.REPLICA_OWN;
        boolean enabled = ag.clusterType.equals("EXTERNAL") && seconds > 0
                && (primary || onAnyReplica && ag.writeLeaseValiditySeconds > 0);
        if (!enabled) {
            throw Errors.of(Errors.WRITE_LEASE_NOT_ENABLED, 16, "The external lease cannot be set on availability group '"
                    + ag.name + "'. External Lease updates are not enabled for this availability group.");
        }
        long expiry = instance.nanoTime() + seconds * 1_000_000_000L + instance.behaviour().writeLeaseOverstay.toNanos();
        boolean current = primary ? ag.leaseActive : ag.leaseEverSet;
        if (current && expiry - ag.leaseExpiryNanos < 0) {
            throw Errors.of(Errors.WRITE_LEASE_EARLIER, 16, "The current write lease of the availability group '" + ag.name
                    + "' is still valid. The lease expiration time cannot be set to an earlier time than its current value.");
        }
        if (primary) {
            ag.writeLeaseValiditySeconds = seconds;
            ag.leaseActive = true;
        }
        ag.leaseExpiryNanos = expiry;
        ag.leaseEverSet = true;
    }

    static void failover(ExecContext ctx, AvailabilityGroupState ag, boolean force) throws SimSqlException {
        SimulatedInstance instance = ctx.instance;
        String name = ag.name;
        requireExternalClusterContext(ctx, ag);
        if (ag.localRole == Role.PRIMARY) {
            throw Errors.alreadyPrimary(name);
        }
        ReplicaConfig self = ag.replica(instance.name);
        if (self == null) {
            throw Errors.notSynchronized(name);
        }
        if (self.isConfigurationOnly()) {
            throw Errors.configurationOnlyCannotBePrimary(name);
        }
        if (!force && !readyForPlannedFailover(instance, ag, self)) {
            throw Errors.notSynchronized(name);
        }
        SimulatedInstance oldPrimary = findReachablePrimary(instance, ag);
        EngineBehaviour behaviour = instance.behaviour();
        ag.takeRole(Role.PRIMARY);
        ag.sequenceNumber++;
        ag.remotes.clear();
        ag.connectedToPrimary = false;
        if (behaviour.leaseAtFailover == EngineBehaviour.LeaseAtFailover.REPLICA_OWN) {
            instance.keepOwnLease(ag);
        } else {
            instance.startLeaseIfConfigured(ag);
        }
        if (force) {
            ag.forcedFailoverSequence = ag.sequenceNumber;
        }
        if (oldPrimary != null && !behaviour.oldPrimaryStaysPrimary) {
            // Politely, a primary still in touch hands over and continues as a secondary (re-seeded if it diverged).
            AvailabilityGroupState old = oldPrimary.availabilityGroups.get(name);
            old.takeRole(Role.SECONDARY);
            old.leaseActive = false;
            old.mayHaveDiverged = true;
            old.remotes.clear();
        }
    }

    /**
     * A synchronous secondary whose databases were SYNCHRONIZED when it last heard from the primary, or a
     * synchronous RESOLVING former primary, whose own log is complete. Which replica is the right one to promote
     * (highest sequence number) is the cluster manager's concern, not SQL Server's.
     */
    private static boolean readyForPlannedFailover(SimulatedInstance instance, AvailabilityGroupState ag, ReplicaConfig self) {
        if (!self.isSynchronous()) {
            return false;
        }
        if (ag.localRole == Role.RESOLVING && ag.resolvingFormerPrimary) {
            return true;
        }
        if (ag.localRole != Role.SECONDARY) {
            return false;
        }
        for (String dbName : ag.databases) {
            Database db = instance.databases.get(dbName);
            if (db == null || !ag.name.equalsIgnoreCase(db.availabilityGroup) || !db.failoverReady) {
                return false;
            }
        }
        return true;
    }

    private static SimulatedInstance findReachablePrimary(SimulatedInstance self, AvailabilityGroupState ag) {
        for (ReplicaConfig r : ag.replicas) {
            SimulatedInstance other = self.network.resolve(r);
            if (other == null || other == self) {
                continue;
            }
            AvailabilityGroupState theirs = other.availabilityGroups.get(ag.name);
            if (theirs != null && theirs.localRole == Role.PRIMARY && self.network.reachable(self, other)) {
                return other;
            }
        }
        return null;
    }

    static void offline(ExecContext ctx, AvailabilityGroupState ag) throws SimSqlException {
        requireExternalClusterContext(ctx, ag);
        ag.goResolving();
        ag.remotes.clear();
    }
}
