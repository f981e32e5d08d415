package io.github.mssqlk8s.ha;

import java.util.List;
import java.util.Objects;

/**
 * What an AG agent does this tick, with the reason it is logged and reported with.
 *
 * <p>The executor's side of the bargain (the safety rules assume it):
 * <ul>
 *   <li>{@link HoldPrimary} and {@link ReconcileMembership}: renew the Lease first; only when that
 *       succeeded renew the SQL write lease, in the same tick; never renew the write lease otherwise.</li>
 *   <li>{@link Demote}: {@code OFFLINE} (tolerating failure when SQL is unreachable), stop renewing
 *       the write lease, then, when asked, release the Lease and report {@code leadershipReleased}
 *       with the final write-lease renewal time.</li>
 *   <li>{@link Promote}: in a session with {@code external_cluster} context, {@code FAILOVER}, or
 *       {@code FORCE_FAILOVER_ALLOW_DATA_LOSS} when forced; a 41142 refusal is reported as
 *       {@code promotionRefusedAt}, never retried as forced.</li>
 *   <li>Any other decision while holding the Lease: the leader elector keeps renewing the Lease (the
 *       write lease is not renewed).</li>
 *   <li>Reports: {@code leadershipReleased} and {@code promotionRefusedAt} are cleared once the replica
 *       is a SECONDARY of a live primary again.</li>
 * </ul>
 */
public sealed interface Decision {

    String reason();

    /** Whether this decision renews the Lease and then the SQL write lease (the holder that stays primary). */
    default boolean renewsWriteLease() {
        return false;
    }

    /** First replica of a new AG: {@code CREATE AVAILABILITY GROUP} with all members, then set RSSTC. */
    record CreateAvailabilityGroup(List<Member> replicas, int requiredSynchronizedSecondaries, String reason)
            implements Decision {
        public CreateAvailabilityGroup {
            replicas = List.copyOf(replicas);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** {@code ALTER AVAILABILITY GROUP … JOIN} to the AG whose primary is {@code primary}. */
    record JoinAvailabilityGroup(String primary, String reason) implements Decision {
    }

    /** Stay primary: renew the Lease, then the SQL write lease. */
    record HoldPrimary(String reason) implements Decision {
        @Override
        public boolean renewsWriteLease() {
            return true;
        }
    }

    /** Try to take the AG's Lease (it is free or expired). */
    record AcquireLeadership(String reason) implements Decision {
    }

    /** Make {@code target} (always the local replica) primary; {@code forced} allows data loss. */
    record Promote(String target, boolean forced, String reason) implements Decision {
    }

    /** {@code OFFLINE}: stop being primary; {@code releaseLeadership} also gives up the Lease. */
    record Demote(boolean releaseLeadership, String reason) implements Decision {
    }

    /** Give up the Lease without touching SQL (the holder is not primary and should not become it). */
    record ReleaseLeadership(String reason) implements Decision {
    }

    /** {@code SET (ROLE = SECONDARY)}: attach a RESOLVING replica to {@code primary}. */
    record SetSecondary(String primary, String reason) implements Decision {
    }

    /**
     * {@code ALTER DATABASE … SET HADR RESUME} for each of {@code databases} on this secondary: after a forced
     * failover SQL Server suspends them, and suspended databases neither catch up nor let the primary commit once
     * REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT needs them (F4).
     */
    record ResumeDataMovement(List<String> databases, String reason) implements Decision {
        public ResumeDataMovement {
            databases = List.copyOf(databases);
        }
    }

    /**
     * Stay primary (as {@link HoldPrimary}) and then apply {@code changes} and, when not null, set
     * REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT to {@code requiredSynchronizedSecondaries}.
     */
    record ReconcileMembership(List<MembershipChange> changes, Integer requiredSynchronizedSecondaries,
                               String reason) implements Decision {
        public ReconcileMembership {
            changes = List.copyOf(changes);
        }

        @Override
        public boolean renewsWriteLease() {
            return true;
        }
    }

    /** Something is under way or missing; check again next tick. */
    record Wait(String reason) implements Decision {
    }

    /** All is as it should be. */
    record NoAction(String reason) implements Decision {
    }
}
