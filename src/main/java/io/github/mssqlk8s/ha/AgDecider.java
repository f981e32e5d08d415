package io.github.mssqlk8s.ha;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides what one AG agent does this tick: {@code decide(snapshot, now)}, nothing else.
 *
 * <p>The order of concerns is fixed, safety first:
 * <ol>
 *   <li><b>The local replica is PRIMARY</b> — fencing before anything else, so there are never two
 *       primaries: (a) not the Lease holder → demote; (b) Lease not renewed within the renew deadline →
 *       demote and release; (c) a configuration commit stuck past the commit-stuck timeout → demote and
 *       release. Then (d) failover triggers (instance health failed, database failed) → hand over when a
 *       secondary can take over; (e) a manual failover to another replica → demote and release;
 *       (f) membership or RSSTC drift → reconcile; (g) otherwise hold: renew Lease, then write lease.</li>
 *   <li><b>The local replica holds the Lease but is not PRIMARY</b> — it is here to promote itself:
 *       bootstrap (create the AG), a manual request (for itself: promote once fenced; for another:
 *       release), or automatic promotion: eligible, quorum of reports since the Lease was taken,
 *       highest sequence number and first in {@link CandidateRanking}, write lease of every other
 *       replica run out ({@link WriteLeaseFence}). Else wait, or release to the replica that ranks first.</li>
 *   <li><b>Anyone else</b> — follow: join the AG, attach a RESOLVING replica to the live primary, or,
 *       when the Lease is free (the primary is gone), acquire it if this replica is the one that should
 *       be promoted.</li>
 * </ol>
 * A former primary gets no preference anywhere: it competes by sequence number like everyone else.
 */
public final class AgDecider {

    private AgDecider() {
    }

    public static Decision decide(AgSnapshot snapshot, Instant now) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(now, "now");
        if (snapshot.local().role() == ReplicaRole.PRIMARY) {
            return asPrimary(snapshot, now);
        }
        if (snapshot.leadership().isHeldBy(snapshot.local().name(), now)) {
            return asLeader(snapshot, now);
        }
        return asFollower(snapshot, now);
    }

    // ---- 1. the local replica is PRIMARY ----

    private static Decision asPrimary(AgSnapshot s, Instant now) {
        Optional<Decision.Demote> fenced = PrimaryFencing.mustDemote(s, now);
        if (fenced.isPresent()) {
            return fenced.get();
        }
        Optional<String> trigger = FailoverTriggers.onPrimary(s.local());
        if (trigger.isPresent()) {
            return handOverOnTrigger(s, trigger.get(), now);
        }
        ManualFailoverRequest request = s.manualRequest();
        if (request != null && !request.target().equals(s.local().name())) {
            return handOverOnRequest(s, request, now);
        }
        Optional<Decision.ReconcileMembership> reconcile = reconcileMembership(s);
        if (reconcile.isPresent()) {
            return reconcile.get();
        }
        return new Decision.HoldPrimary("primary and Lease holder: renewing the Lease, then the SQL write lease ("
                + Durations.format(s.timing().writeLeaseValidity()) + ")"
                + (request != null ? "; the requested failover target is already primary" : ""));
    }

    /**
     * The primary still runs, so its secondaries' synchronization is live: it lets go only for a synchronized
     * one. An unsynchronized one would be refused FAILOVER (41142) and leave the AG without any primary.
     */
    private static Decision handOverOnTrigger(AgSnapshot s, String trigger, Instant now) {
        Ranking successors = CandidateRanking.rank(s.peers(), s.membership(), now, s.timing().reportStaleAfter());
        Optional<ReplicaReport> synchronizedSuccessor = synchronizedSuccessor(s, now);
        if (synchronizedSuccessor.isPresent()) {
            return new Decision.Demote(true, trigger + "; handing over (" + synchronizedSuccessor.get().name()
                    + " ranks first among the synchronized secondaries)");
        }
        String why = successors.candidates().isEmpty() ? successors.explainRejections()
                : successors.candidates().stream().map(c -> c.name() + " is not synchronized (" + c.firstUnsynchronized() + ")")
                        .collect(Collectors.joining("; "))
                        + (successors.rejections().isEmpty() ? "" : "; " + successors.explainRejections());
        return new Decision.HoldPrimary(trigger + "; staying primary because no synchronized secondary can take over: "
                + why);
    }

    /**
     * The secondary a primary that lets go would hand over to: the first-ranked synchronized one. Used by every
     * hand-over, on a trigger and on SIGTERM alike (F10).
     */
    public static Optional<ReplicaReport> synchronizedSuccessor(AgSnapshot s, Instant now) {
        return CandidateRanking.rank(s.peers(), s.membership(), now, s.timing().reportStaleAfter()).candidates().stream()
                .filter(ReplicaReport::isSynchronized).findFirst();
    }

    /**
     * A planned (unforced) failover needs a synchronized target at the moment the primary lets go: after
     * the demotion SQL Server would refuse FAILOVER on it (41142) and leave the AG without a primary.
     */
    private static Decision handOverOnRequest(AgSnapshot s, ManualFailoverRequest request, Instant now) {
        String target = request.target();
        Optional<ReplicaReport> report = s.report(target).filter(r -> r.isFreshAt(now, s.timing().reportStaleAfter()));
        if (report.isEmpty()) {
            return new Decision.HoldPrimary("manual failover to " + target + " waits: no fresh report from " + target
                    + "; staying primary");
        }
        if (!request.forced() && !report.get().isSynchronized()) {
            return new Decision.HoldPrimary("manual failover to " + target + " waits: " + target
                    + " is not synchronized (" + report.get().firstUnsynchronized() + "); staying primary");
        }
        return new Decision.Demote(true, (request.forced() ? "forced " : "") + "manual failover to " + target
                + " requested at " + request.requestedAt() + ": demoting and releasing leadership");
    }

    private static Optional<Decision.ReconcileMembership> reconcileMembership(AgSnapshot s) {
        List<ConfiguredReplica> configured = s.local().configuredReplicas();
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        List<MembershipChange> changes = MembershipPlan.changes(s.membership(), configured,
                s.local().observed().id().replicaServerName());
        int synchronous = (int) configured.stream().filter(r -> r.mode() == AvailabilityMode.SYNCHRONOUS_COMMIT).count();
        int rsstc = CommitDurability.requiredSynchronizedSecondaries(synchronous, s.rsstcOverride());
        Integer rsstcChange = Objects.equals(s.local().currentRsstc(), rsstc) ? null : rsstc;
        if (changes.isEmpty() && rsstcChange == null) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        if (!changes.isEmpty()) {
            parts.add(changes.stream().map(MembershipChange::toString).collect(Collectors.joining(", ")));
        }
        if (rsstcChange != null) {
            parts.add("REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT " + s.local().currentRsstc() + " -> " + rsstc
                    + " for " + synchronous + " synchronous replicas" + (s.rsstcOverride() != null ? " (override)" : ""));
        }
        return Optional.of(new Decision.ReconcileMembership(changes, rsstcChange,
                "membership differs from the AG: " + String.join("; ", parts)));
    }

    // ---- 2. the local replica holds the Lease but is not PRIMARY ----

    private static Decision asLeader(AgSnapshot s, Instant now) {
        LocalReplica local = s.local();
        switch (local.role()) {
            case UNKNOWN -> {
                return whenUnreachable(local, s.timing(), now);
            }
            case NOT_JOINED -> {
                boolean synchronous = s.member(local.name()).map(m -> m.mode() == AvailabilityMode.SYNCHRONOUS_COMMIT)
                        .orElse(false);
                if (synchronous && noAvailabilityGroupAnywhere(s, now)) {
                    int synchronousMembers = (int) s.membership().stream()
                            .filter(m -> m.mode() == AvailabilityMode.SYNCHRONOUS_COMMIT).count();
                    return new Decision.CreateAvailabilityGroup(s.membership(),
                            CommitDurability.requiredSynchronizedSecondaries(synchronousMembers, s.rsstcOverride()),
                            "no availability group exists yet on any of the " + s.membership().size()
                                    + " members: creating " + s.agName());
                }
                return new Decision.ReleaseLeadership("not joined to " + s.agName() + ": cannot lead it");
            }
            default -> {
                ManualFailoverRequest request = s.manualRequest();
                if (request == null) {
                    return automaticPromotion(s, now);
                }
                if (request.target().equals(local.name())) {
                    return manualPromotion(s, request, now);
                }
                return new Decision.ReleaseLeadership("manual failover to " + request.target()
                        + " requested: releasing leadership for it");
            }
        }
    }

    /**
     * A holder whose SQL Server cannot be reached keeps leadership through a blip, but lets go at once
     * when the instance restarted (STARTING: the process that may have held a write lease is gone) and
     * when its health failed, and whatever the health verdict once the blip has lasted the renew deadline (F6:
     * a health agent that is down, monitor policy 0, or a failure of this agent's own login would otherwise hold the
     * Lease forever while the write lease lapses). The Demote is attempted, then the Lease released.
     */
    private static Decision whenUnreachable(LocalReplica local, TimingSettings timing, Instant now) {
        HealthVerdict health = local.observed().health();
        Instant since = local.sqlUnreachableSince();
        if (health.status() != HealthStatus.FAILED && health.status() != HealthStatus.STARTING && since != null
                && Durations.exceeded(since, timing.renewDeadline(), now)) {
            return new Decision.Demote(true, "SQL Server unreachable for " + Durations.format(Durations.until(since, now))
                    + ", past the renew deadline " + Durations.format(timing.renewDeadline()) + " (health: "
                    + health.reason() + "): releasing leadership so that a secondary can take over");
        }
        return switch (health.status()) {
            case FAILED -> new Decision.Demote(true, "SQL Server unreachable and its health failed ("
                    + health.reason() + "): releasing leadership");
            case STARTING -> new Decision.Demote(true, "SQL Server restarted (" + health.reason()
                    + "): releasing leadership so that a secondary can take over");
            default -> new Decision.Wait("SQL Server unreachable (" + health.reason()
                    + "); keeping leadership until the health verdict fails or the renew deadline passes");
        };
    }

    private static Decision manualPromotion(AgSnapshot s, ManualFailoverRequest request, Instant now) {
        Optional<String> whyNot = Eligibility.whyNotManualTarget(s.local().observed(), s.member(s.local().name()),
                request.forced());
        if (whyNot.isPresent()) {
            return new Decision.ReleaseLeadership("cannot carry out the manual failover: " + whyNot.get());
        }
        FenceCheck fence = WriteLeaseFence.check(s);
        if (!fence.isClearAt(now)) {
            return waitForFence(fence, now);
        }
        return new Decision.Promote(s.local().name(), request.forced(), (request.forced() ? "forced " : "")
                + "manual failover requested at " + request.requestedAt() + "; " + fence.reason());
    }

    private static Decision automaticPromotion(AgSnapshot s, Instant now) {
        String me = s.local().name();
        Optional<String> whyNotMe = Eligibility.whyNot(s.local().observed(), s.member(me), now,
                s.timing().reportStaleAfter());
        if (whyNotMe.isPresent()) {
            return new Decision.ReleaseLeadership("cannot be promoted automatically: " + whyNotMe.get());
        }
        Instant since = s.leadership().acquireTime();
        QuorumCheck quorum = PromotionQuorum.check(s.allReports(), s.membership(), since, now,
                s.timing().reportStaleAfter());
        if (!quorum.reached()) {
            return new Decision.Wait("quorum not reached: " + quorum.reason());
        }
        List<ReplicaReport> sinceLoss = s.allReports().stream().filter(r -> !r.reportedAt().isBefore(since)).toList();
        Ranking ranking = CandidateRanking.rank(sinceLoss, s.membership(), now, s.timing().reportStaleAfter());
        Optional<ReplicaReport> best = ranking.best()
                .filter(b -> Objects.equals(b.sequenceNumber(), quorum.highestSequence()));
        if (best.isEmpty()) {
            String holders = sinceLoss.stream().filter(r -> Objects.equals(r.sequenceNumber(), quorum.highestSequence()))
                    .map(ReplicaReport::name).sorted().collect(Collectors.joining(", "));
            return new Decision.Wait("the highest sequence number " + quorum.highestSequence() + " is held by "
                    + holders + ", which cannot be promoted; not promoting anyone to avoid data loss ("
                    + ranking.explainRejections() + ")");
        }
        if (!best.get().name().equals(me)) {
            return new Decision.ReleaseLeadership(best.get().name() + " ranks first: "
                    + ranking.rejectionOf(me).map(Rejection::reason).orElse(me + " ranks lower"));
        }
        FenceCheck fence = WriteLeaseFence.check(s);
        if (!fence.isClearAt(now)) {
            return waitForFence(fence, now);
        }
        return new Decision.Promote(me, false, "no primary; " + quorum.reason() + "; " + me
                + " has the highest sequence number " + quorum.highestSequence() + " and ranks first; " + fence.reason());
    }

    private static Decision.Wait waitForFence(FenceCheck fence, Instant now) {
        return new Decision.Wait("waiting " + Durations.format(Durations.until(now, fence.runsOutAt()))
                + " more before promoting: " + fence.reason());
    }

    // ---- 3. anyone else ----

    private static Decision asFollower(AgSnapshot s, Instant now) {
        LocalReplica local = s.local();
        Optional<ReplicaReport> primary = livePrimary(s, now);
        switch (local.role()) {
            case UNKNOWN -> {
                return new Decision.Wait("SQL Server unreachable: " + local.observed().health().reason());
            }
            case NOT_JOINED -> {
                return asNotJoined(s, primary, now);
            }
            case RESOLVING -> {
                if (primary.isPresent()) {
                    return new Decision.SetSecondary(primary.get().name(), "RESOLVING while " + primary.get().name()
                            + " is primary: becoming its secondary");
                }
            }
            default -> {
                if (primary.isPresent()) {
                    return new Decision.NoAction("secondary of " + primary.get().name());
                }
            }
        }
        LeadershipView lease = s.leadership();
        if (lease.isHeld(now)) {
            boolean holderReports = s.report(lease.holder())
                    .filter(r -> r.isFreshAt(now, s.timing().reportStaleAfter())).isPresent();
            return new Decision.Wait(holderReports
                    ? "leader " + lease.holder() + " is not primary yet; waiting for it"
                    : "leader " + lease.holder() + " has stopped reporting; waiting for its Lease to run out at "
                            + lease.renewTime().plus(lease.leaseDuration()));
        }
        return whenLeaseFree(s, now);
    }

    private static Decision asNotJoined(AgSnapshot s, Optional<ReplicaReport> primary, Instant now) {
        String me = s.local().name();
        if (s.member(me).isEmpty()) {
            return new Decision.NoAction(me + " does not list " + s.agName());
        }
        if (primary.isPresent()) {
            return new Decision.JoinAvailabilityGroup(primary.get().name(), "not joined while " + primary.get().name()
                    + " is primary: joining " + s.agName());
        }
        Optional<String> founder = s.membership().stream().filter(m -> m.mode() == AvailabilityMode.SYNCHRONOUS_COMMIT)
                .map(Member::name).sorted().findFirst();
        if (!s.leadership().isHeld(now) && founder.filter(me::equals).isPresent() && noAvailabilityGroupAnywhere(s, now)) {
            return new Decision.AcquireLeadership("no availability group exists yet and " + me
                    + " is the first synchronous-commit member: acquiring leadership to create it");
        }
        return new Decision.Wait("not joined; waiting for a primary of " + s.agName() + " to join");
    }

    private static Decision whenLeaseFree(AgSnapshot s, Instant now) {
        String me = s.local().name();
        ManualFailoverRequest request = s.manualRequest();
        if (request != null && !request.target().equals(me)) {
            return new Decision.Wait("manual failover to " + request.target() + " in progress; leaving leadership to it");
        }
        if (request != null) {
            // the requested target: only its own fitness matters, not the ranking
            return Eligibility.whyNotManualTarget(s.local().observed(), s.member(me), request.forced())
                    .<Decision>map(why -> new Decision.Wait("manual failover to " + me + " requested, but " + why))
                    .orElseGet(() -> new Decision.AcquireLeadership("manual failover to " + me
                            + " requested: acquiring leadership"));
        }
        Ranking ranking = CandidateRanking.rank(s.allReports(), s.membership(), now, s.timing().reportStaleAfter());
        Optional<Rejection> rejected = ranking.rejectionOf(me);
        if (ranking.best().map(b -> b.name().equals(me)).orElse(false)) {
            return new Decision.AcquireLeadership("primary gone (no one holds the Lease); " + me
                    + " ranks first among the candidates: acquiring leadership");
        }
        String why = rejected.map(Rejection::reason).orElse(me + " is not a candidate");
        return new Decision.Wait("primary gone (no one holds the Lease), but " + why);
    }

    /** The Lease holder, when its fresh report says PRIMARY. */
    private static Optional<ReplicaReport> livePrimary(AgSnapshot s, Instant now) {
        LeadershipView lease = s.leadership();
        if (!lease.isHeld(now)) {
            return Optional.empty();
        }
        return s.peers().stream()
                .filter(p -> p.name().equals(lease.holder()) && p.role() == ReplicaRole.PRIMARY
                        && p.isFreshAt(now, s.timing().reportStaleAfter()))
                .findFirst();
    }

    /** Every member reported recently, and none has joined or knows an AG: safe to create one. */
    private static boolean noAvailabilityGroupAnywhere(AgSnapshot s, Instant now) {
        return s.membership().stream().allMatch(m -> s.report(m.name())
                .filter(r -> r.isFreshAt(now, s.timing().reportStaleAfter())
                        && r.role() == ReplicaRole.NOT_JOINED && r.sequenceNumber() == null)
                .isPresent());
    }
}
