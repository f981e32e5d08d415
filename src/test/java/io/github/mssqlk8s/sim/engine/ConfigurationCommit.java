package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import io.github.mssqlk8s.sim.engine.AvailabilityGroupState.RemoteReplica;
import io.github.mssqlk8s.sim.engine.AvailabilityGroupState.Role;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Committing a configuration change of an availability group on its primary: the sequence number grows. With
 * {@link EngineBehaviour#configurationCommitsNeedSynchronousSecondary} and REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT
 * ≥ 1, the statement then waits (as a commit does) until a synchronous secondary adopted the change, and
 * {@code current_configuration_commit_start_time_utc} shows when the wait began.
 */
final class ConfigurationCommit {

    private ConfigurationCommit() {
    }

    /** {@code requiredBefore}: the group's REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT before the change. */
    static void commit(ExecContext ctx, AvailabilityGroupState ag, int requiredBefore) throws SimSqlException {
        ag.sequenceNumber++;
        long sequence = ag.sequenceNumber;
        String self = ctx.instance.name;
        if (!ctx.instance.behaviour().configurationCommitsNeedSynchronousSecondary || requiredBefore < 1
                || adopted(ag, sequence, self)) {
            return;
        }
        boolean startedHere = ag.configurationCommitStartedAt == null;
        if (startedHere) {
            ag.configurationCommitStartedAt = LocalDateTime.now(ZoneOffset.UTC);
        }
        try {
            // A cancelled wait leaves the change applied locally, as a cancelled commit stays hardened.
            ctx.await(() -> ag.localRole != Role.PRIMARY || adopted(ag, sequence, self));
        } finally {
            if (startedHere) {
                ag.configurationCommitStartedAt = null;
            }
        }
    }

    private static boolean adopted(AvailabilityGroupState ag, long sequence, String self) {
        for (ReplicaConfig r : ag.replicas) {
            RemoteReplica remote = ag.remotes.get(r.serverName.toLowerCase(Locale.ROOT));
            if (!r.serverName.equalsIgnoreCase(self) && r.isSynchronous() && remote != null && remote.connected
                    && remote.sequenceSeen >= sequence) {
                return true;
            }
        }
        return false;
    }
}
