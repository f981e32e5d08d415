package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.ha.Decision;
import io.github.mssqlk8s.ha.LeadershipView;
import io.github.mssqlk8s.ha.ManualFailoverRequest;
import io.github.mssqlk8s.ha.Member;
import io.github.mssqlk8s.ha.MembershipChange;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.kube.EventRecorder;
import io.github.mssqlk8s.kube.FailoverOutcomeEntry;
import io.github.mssqlk8s.kube.LastFailover;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.sql.AvailabilityGroupSql;
import io.github.mssqlk8s.sql.ReplicaDefinition;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The second step of a tick: carry a {@link Decision} out under its obligations (see {@link Decision}). Any action
 * of the Lease holder first renews the Lease in the same tick and is skipped when that fails; the SQL write lease
 * is renewed only right after a successful renewal.
 */
final class DecisionExecution {

    private static final Logger LOG = Logger.getLogger(AgAgent.class);

    private final AgentCalls calls;
    private final AgentMemory memory;
    private String createProblem;

    DecisionExecution(AgentCalls calls) {
        this.calls = calls;
        this.memory = calls.memory;
    }

    /** Carries the decision out; returns the local role it leaves behind. */
    ReplicaRole execute(Decision decision, SnapshotGathering.Gathered tick, Instant now) {
        ReplicaRole role = tick.snapshot().local().role();
        String ag = calls.ag();
        if (decision instanceof Decision.HoldPrimary) {
            if (renewLease()) {
                renewWriteLease();
            }
        } else if (decision instanceof Decision.ReconcileMembership reconcile) {
            if (renewLease() && renewWriteLease()) {
                reconcile(reconcile);
            }
        } else if (decision instanceof Decision.CreateAvailabilityGroup create) {
            if (renewLease() && create(create)) {
                memory.writeLeaseRenewedAt = calls.clock.instant();
                calls.event(EventRecorder.NORMAL, "AvailabilityGroupCreated", decision.reason());
                return ReplicaRole.PRIMARY;
            }
        } else if (decision instanceof Decision.JoinAvailabilityGroup) {
            if (calls.sql("join the availability group", () -> calls.io.sql().join(ag))
                    && calls.sql("grant CREATE ANY DATABASE", () -> calls.io.sql().grantCreateAnyDatabase(ag))) {
                return ReplicaRole.SECONDARY;
            }
        } else if (decision instanceof Decision.AcquireLeadership) {
            acquire();
        } else if (decision instanceof Decision.Promote promote) {
            return promote(promote, tick);
        } else if (decision instanceof Decision.Demote demote) {
            return demote(demote, role);
        } else if (decision instanceof Decision.ReleaseLeadership) {
            release();
        } else if (decision instanceof Decision.SetSecondary) {
            if (calls.sql("set the role to SECONDARY", () -> calls.io.sql().setRoleSecondary(ag))) {
                return ReplicaRole.SECONDARY;
            }
        } else {
            keepLeadership(now);
        }
        return role;
    }

    /**
     * CREATE AVAILABILITY GROUP runs as sa (only sysadmin may). Its failure, e.g. a missing sa password file or a
     * refused sa login, leaves the bootstrap to a later tick and is reported as a Warning Event, once per cause.
     */
    private boolean create(Decision.CreateAvailabilityGroup create) {
        String what = "create the availability group as sa";
        try {
            calls.io.sql().createAvailabilityGroup(calls.ag(), create.replicas().stream().map(this::definition).toList(),
                    calls.config.writeLeaseSeconds(), create.requiredSynchronizedSecondaries());
            createProblem = null;
            return true;
        } catch (SQLException | java.io.IOException e) {
            String text = what + ": " + firstLine(e.getMessage());
            if (!text.equals(createProblem)) {
                createProblem = text;
                calls.event(EventRecorder.WARNING, "AvailabilityGroupCreateFailed", "Could not " + text);
            }
            calls.problem(text);
            return false;
        }
    }

    private static String firstLine(String message) {
        return message == null ? "no message" : message.lines().findFirst().orElse("no message").strip();
    }

    /** Any other decision while holding the Lease keeps it renewed (the write lease is not). */
    private void keepLeadership(Instant now) {
        if (memory.leadership().isHeldBy(calls.name(), now)) {
            renewLease();
        }
    }

    /**
     * Renews the Lease. The renewal counts from the start of the call on this agent's own clock; that start also
     * sets the deadline of a write-lease renewal that follows it.
     */
    private boolean renewLease() {
        Instant startedAt = calls.clock.instant();
        Optional<LeadershipView> renewed = calls.attempt("renew the Lease",
                () -> calls.io.lease().renew(calls.name(), calls.wall.instant()), Optional.empty());
        renewed.ifPresent(record -> memory.lease.renewed(record, startedAt));
        calls.metrics.leaseRenewal(renewed.isPresent());
        if (renewed.isPresent()) {
            calls.pause.at(TickPause.Point.AFTER_LEASE_RENEWAL);
        }
        return renewed.isPresent();
    }

    /**
     * Only ever called right after a successful Lease renewal in the same tick. Peers assume the write lease was
     * renewed within one monitor period of the start of that Lease renewal, so the statement carries that deadline
     * and SQL Server itself refuses it once it has passed (queueing, a pause of this agent, a reconnect); it is
     * not even sent when the deadline is already gone (a slow API answer).
     */
    private boolean renewWriteLease() {
        Instant deadline = freshLeaseRenewalDeadline();
        if (deadline == null) {
            calls.problem("renew the write lease: the Lease renewal came back too late for it this tick");
            calls.metrics.writeLeaseRenewal(AgAgentMetrics.WriteLeaseRenewal.SKIPPED);
            return false;
        }
        calls.pause.at(TickPause.Point.BEFORE_WRITE_LEASE_RENEWAL);
        boolean renewed = sendWriteLeaseRenewal(deadline) == WriteLeaseRenewal.RENEWED;
        calls.metrics.writeLeaseRenewal(renewed ? AgAgentMetrics.WriteLeaseRenewal.RENEWED
                : AgAgentMetrics.WriteLeaseRenewal.FAILED);
        if (renewed) {
            memory.commitPendingSince = null;
        } else if (memory.commitPendingSince == null) {
            memory.commitPendingSince = calls.clock.instant();
        }
        return renewed;
    }

    /** What a write-lease renewal statement left behind. */
    private enum WriteLeaseRenewal { RENEWED, NOT_ENABLED, FAILED }

    /**
     * The guarded renewal. 47119 (the current lease already runs longer) leaves a valid lease: renewed, as Microsoft's
     * Pacemaker agent counts it. 47116: this replica takes no external lease update (a secondary, on servers that
     * refuse it there).
     */
    private WriteLeaseRenewal sendWriteLeaseRenewal(Instant deadline) {
        try {
            calls.io.sql().renewWriteLease(calls.ag(), calls.config.writeLeaseSeconds(), calls.clock.nanoTimeAt(deadline));
        } catch (SQLException e) {
            if (AvailabilityGroupSql.isLeaseAlreadyLonger(e)) {
                memory.writeLeaseRenewedAt = calls.clock.instant();
                return WriteLeaseRenewal.RENEWED;
            }
            calls.problem("renew the write lease: " + e.getMessage());
            return AvailabilityGroupSql.isLeaseNotEnabled(e) ? WriteLeaseRenewal.NOT_ENABLED : WriteLeaseRenewal.FAILED;
        } catch (java.io.IOException e) {
            calls.problem("renew the write lease: " + e.getMessage());
            return WriteLeaseRenewal.FAILED;
        }
        memory.writeLeaseRenewedAt = calls.clock.instant();
        return WriteLeaseRenewal.RENEWED;
    }

    /**
     * Until when a statement may still follow this tick's Lease renewal (its start plus one monitor period, on this
     * agent's clock); null when that moment has passed or there was none.
     */
    private Instant freshLeaseRenewalDeadline() {
        LeadershipView leadership = memory.leadership();
        if (leadership.renewTime() == null) {
            return null;
        }
        Instant deadline = leadership.renewTime().plus(calls.config.timing().monitorPeriod());
        return calls.clock.instant().isBefore(deadline) ? deadline : null;
    }

    /** Takes the Lease only while it is the very record this agent saw expire on its own clock. */
    private void acquire() {
        Instant startedAt = calls.clock.instant();
        LeadershipView seenExpired = memory.lease.asRead();
        Optional<LeadershipView> acquired = calls.attempt("acquire the Lease",
                () -> calls.io.lease().acquire(calls.name(), calls.wall.instant(), seenExpired), Optional.empty());
        acquired.ifPresent(record -> {
            memory.lease.acquired(record, startedAt, calls.clock.instant());
            memory.leadershipReleased = false;
            LOG.infof("%s: acquired leadership of %s", calls.name(), calls.ag());
        });
    }

    void release() {
        if (calls.attempt("release the Lease", () -> calls.io.lease().release(calls.name()), false)) {
            memory.leadershipReleased = true;
            memory.lease.released();
        }
    }

    /**
     * FAILOVER only right after a fresh Lease renewal, bound to it by the same server-side deadline as a write-lease
     * renewal (F12). The target's write lease is renewed just before (a replica may enter PRIMARY with its own lease,
     * not a fresh one; 47116 where a secondary takes none) and again right after, under a new Lease renewal (F5).
     */
    private ReplicaRole promote(Decision.Promote promote, SnapshotGathering.Gathered tick) {
        ReplicaRole before = tick.snapshot().local().role();
        if (!renewLease()) {
            return before;
        }
        Instant deadline = freshLeaseRenewalDeadline();
        if (deadline == null) {
            calls.problem("promote: the Lease renewal came back too late for FAILOVER this tick");
            return before;
        }
        if (sendWriteLeaseRenewal(deadline) == WriteLeaseRenewal.FAILED) {
            return before;
        }
        String ag = calls.ag();
        String name = calls.name();
        ManualFailoverRequest request = tick.snapshot().manualRequest();
        String from = memory.lastSeenPrimary;
        calls.pause.at(TickPause.Point.BEFORE_FAILOVER);
        try {
            if (promote.forced()) {
                calls.io.sql().forceFailoverAllowDataLoss(ag, calls.clock.nanoTimeAt(deadline));
            } else {
                calls.io.sql().failover(ag, calls.clock.nanoTimeAt(deadline));
            }
        } catch (SQLException e) {
            if (AvailabilityGroupSql.isPromotionRefused(e)) {
                memory.promotionRefusedAt = calls.clock.instant();
                calls.event(EventRecorder.WARNING, "PromotionRefused", "SQL Server refused to promote " + name + ": "
                        + e.getMessage());
                if (request != null && request.target().equals(name)) {
                    calls.outcome(FailoverOutcomeEntry.State.REFUSED, "SQL Server refused: " + e.getMessage());
                }
            } else {
                calls.problem("promote " + name + ": " + e.getMessage());
            }
            return tick.snapshot().local().role();
        } catch (java.io.IOException e) {
            calls.problem("promote " + name + ": " + e.getMessage());
            return tick.snapshot().local().role();
        }
        // FAILOVER may have started a write lease of its own: count it from now
        memory.writeLeaseRenewedAt = calls.clock.instant();
        if (renewLease()) {
            Instant after = freshLeaseRenewalDeadline();
            if (after != null) {
                sendWriteLeaseRenewal(after);
            }
        }
        memory.leadershipReleased = false;
        LastFailover.Kind kind = request == null ? LastFailover.Kind.AUTOMATIC
                : request.forced() ? LastFailover.Kind.FORCED : LastFailover.Kind.PLANNED;
        memory.lastFailover = new LastFailover(calls.wall.instant(), from, name, kind, stepDownCause(from).map(c -> c + "; ").orElse("")
                + promote.reason());
        calls.metrics.promoted(kind);
        LOG.infof("%s: promoted to primary of %s (%s)", name, ag, memory.lastFailover.reason());
        calls.event(EventRecorder.NORMAL, "Promoted", name + " is the primary of " + ag + ": " + memory.lastFailover.reason());
        return ReplicaRole.PRIMARY;
    }

    /**
     * Why the former primary let go, when its agent said so: the leader entry it published as it stepped down
     * (still the leader, no longer primary) after it was last seen primary. Empty when it was lost without a
     * word (pod lost, agent killed, API cut).
     */
    private Optional<String> stepDownCause(String formerPrimary) {
        if (memory.stepDown == null || !memory.stepDown.leader().equals(formerPrimary) || memory.lastSeenPrimaryAt == null
                || memory.stepDown.updatedAt().isBefore(memory.lastSeenPrimaryAt)) {
            return Optional.empty();
        }
        return Optional.of(formerPrimary + " stepped down (" + memory.stepDown.lastDecision() + ")");
    }

    ReplicaRole demote(Decision.Demote demote, ReplicaRole role) {
        boolean offline = role == ReplicaRole.PRIMARY || role == ReplicaRole.UNKNOWN
                ? calls.sql("go OFFLINE", () -> calls.io.sql().offline(calls.ag())) : true;
        calls.event(EventRecorder.WARNING, "Demoted", calls.name() + " stepped down as primary of " + calls.ag()
                + ": " + demote.reason());
        if (demote.releaseLeadership()) {
            release();
        }
        if (memory.shared.manualRequest(calls.wall.instant(), calls.config.requestTimeout()).isPresent()) {
            calls.outcome(FailoverOutcomeEntry.State.ACCEPTED, calls.name() + " demoted itself for the requested failover");
        }
        return offline ? ReplicaRole.RESOLVING : role;
    }

    private void reconcile(Decision.ReconcileMembership reconcile) {
        String ag = calls.ag();
        for (MembershipChange change : reconcile.changes()) {
            calls.sql(change.toString(), () -> {
                switch (change.kind()) {
                    case ADD -> calls.io.sql().addReplica(ag, definition(new Member(change.id(), change.mode())));
                    case REMOVE -> calls.io.sql().removeReplica(ag, change.replicaServerName());
                    case MODIFY -> calls.io.sql().modifyReplica(ag, change.replicaServerName(), change.mode());
                }
            });
        }
        if (reconcile.requiredSynchronizedSecondaries() != null) {
            calls.sql("set REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT",
                    () -> calls.io.sql().setRequiredSynchronizedSecondaries(ag, reconcile.requiredSynchronizedSecondaries()));
        }
    }

    private ReplicaDefinition definition(Member member) {
        return new ReplicaDefinition(member.id().replicaServerName(), Names.endpointUrl(member.name(),
                calls.config.namespace()), member.mode());
    }
}
