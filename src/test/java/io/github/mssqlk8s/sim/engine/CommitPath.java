package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import io.github.mssqlk8s.sim.engine.AvailabilityGroupState.RemoteReplica;
import io.github.mssqlk8s.sim.engine.AvailabilityGroupState.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applying writes and acknowledging commits. On an availability-group primary a commit is acknowledged only
 * when (a) every synchronous secondary that was SYNCHRONIZED and stays connected hardened it, and (b) at
 * least REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT synchronous secondaries hardened it. Until then the
 * session waits (as SQL Server does, with HADR_SYNC_COMMIT) until the client cancels.
 */
final class CommitPath {

    private CommitPath() {
    }

    /**
     * A write in autocommit mode commits now; inside BEGIN TRAN it waits for COMMIT. Returns false when the
     * client cancelled while the commit waited (the statement then ends without a count).
     */
    static boolean write(ExecContext ctx, Database db, LogOp op) throws SimSqlException {
        ctx.instance.ensureWritable(db);
        if (ctx.session.tranCount > 0) {
            ctx.session.pendingWrites.add(new EngineSession.PendingWrite(db.name, op));
            return true;
        }
        return commit(ctx, List.of(new EngineSession.PendingWrite(db.name, op)));
    }

    /** Returns false when the client cancelled while the commit waited for secondaries. */
    static boolean commit(ExecContext ctx, List<EngineSession.PendingWrite> writes) throws SimSqlException {
        SimulatedInstance instance = ctx.instance;
        for (EngineSession.PendingWrite w : writes) {
            instance.ensureWritable(instance.database(w.database()));
        }
        Map<Database, Long> lastLsn = new LinkedHashMap<>();
        for (EngineSession.PendingWrite w : writes) {
            Database db = instance.database(w.database());
            lastLsn.put(db, db.append(w.op(), instance.nanoTime()));
        }
        for (Map.Entry<Database, Long> e : lastLsn.entrySet()) {
            Database db = e.getKey();
            AvailabilityGroupState ag = db.availabilityGroup == null ? null : instance.availabilityGroups.get(db.availabilityGroup);
            if (ag == null) {
                continue;
            }
            Set<String> mustHarden = synchronizedSecondaries(ag, db.name, instance.name);
            long lsn = e.getValue();
            long started = instance.nanoTime();
            boolean acknowledged = ctx.await(() -> {
                dropSilentSecondaries(instance, ag, mustHarden, started);
                return ag.localRole != Role.PRIMARY || acknowledged(ag, db.name, lsn, mustHarden, instance.name);
            });
            if (!acknowledged) {
                return false;
            }
            if (ag.localRole != Role.PRIMARY) {
                throw Errors.notPrimaryOrSecondary(db.name);
            }
        }
        return true;
    }

    /**
     * A synchronous secondary that has not hardened within its session timeout is no longer waited for (SQL
     * Server marks it NOT SYNCHRONIZING and goes on); REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT still applies.
     */
    private static void dropSilentSecondaries(SimulatedInstance instance, AvailabilityGroupState ag, Set<String> mustHarden,
            long started) {
        long waited = instance.nanoTime() - started;
        mustHarden.removeIf(name -> {
            ReplicaConfig r = ag.replica(name);
            long timeout = instance.options.sessionTimeout != null ? instance.options.sessionTimeout.toNanos()
                    : (r == null ? 10 : r.sessionTimeoutSeconds) * 1_000_000_000L;
            return r == null || waited >= timeout;
        });
    }

    private static Set<String> synchronizedSecondaries(AvailabilityGroupState ag, String db, String self) {
        Set<String> out = new HashSet<>();
        for (ReplicaConfig r : ag.replicas) {
            RemoteReplica remote = ag.remotes.get(r.serverName.toLowerCase(Locale.ROOT));
            if (!r.serverName.equalsIgnoreCase(self) && r.isSynchronous() && remote != null && remote.connected
                    && LogShipper.SYNCHRONIZED.equals(remote.syncState.get(db.toLowerCase(Locale.ROOT)))) {
                out.add(r.serverName.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static boolean acknowledged(AvailabilityGroupState ag, String db, long lsn, Set<String> mustHarden, String self) {
        int hardened = 0;
        List<String> waiting = new ArrayList<>();
        for (ReplicaConfig r : ag.replicas) {
            String key = r.serverName.toLowerCase(Locale.ROOT);
            RemoteReplica remote = ag.remotes.get(key);
            if (r.serverName.equalsIgnoreCase(self) || !r.isSynchronous() || remote == null) {
                continue;
            }
            boolean has = remote.connected && remote.sequenceSeen >= ag.synchronizedSetChangedAt
                    && remote.hardenedLsn.getOrDefault(db.toLowerCase(Locale.ROOT), 0L) >= lsn;
            if (has) {
                hardened++;
            } else if (remote.connected && mustHarden.contains(key)) {
                waiting.add(key);
            }
        }
        return waiting.isEmpty() && hardened >= ag.requiredSynchronizedSecondaries;
    }
}
