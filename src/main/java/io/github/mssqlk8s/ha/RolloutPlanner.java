package io.github.mssqlk8s.ha;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides the next single step of rolling a pod template change across every instance of a namespace
 * (contract §1): outdated secondaries first, one at a time, asynchronous-commit and configuration-only ones
 * before synchronous-commit ones, each back and caught up before the next; then one planned switchover per AG to
 * an updated synchronized secondary; the old primary last. The rules each step keeps in every AG it touches are
 * in {@link RolloutSafety}; this class only orders.
 *
 * <p>Order of concerns, safety first: an AG without exactly one live primary waits for its agents; an updated
 * member running an older SQL Server version than its AG's primary is a downgrade and refused (the primary's
 * version is the databases' version: log cannot flow to an older one, so the highest version that matters is the
 * primary's, and reverting a secondary that never became primary stays possible); a requested switchover and a
 * member still coming back are waited for, and after {@link RolloutSnapshot#settleBound()} since the last step
 * the rollout pauses on them; then restarts, then switchovers. Reverting the change (the desired revision goes
 * back) needs nothing special: the instances already restarted become the outdated ones and are rolled back by
 * the same rules.
 *
 * <p>Known limit: when two AGs have different primaries that each are a secondary of the other AG and the new
 * revision brings a newer SQL Server version, no order keeps every rule (either switchover would make a primary
 * newer than a secondary not yet updated); the planner refuses with that reason, and a manual planned failover
 * that makes one instance primary of both AGs lets the rollout go on.
 */
public final class RolloutPlanner {

    private RolloutPlanner() {
    }

    public static RolloutStep next(RolloutSnapshot snapshot, Instant now) {
        RolloutSafety safety = new RolloutSafety(snapshot);
        for (RolloutAg ag : snapshot.ags()) {
            List<RolloutMember> primaries = ag.primaries();
            if (primaries.size() != 1) {
                return new RolloutStep.Wait(ag.name() + " has " + primaries.size()
                        + " primaries labelled; waiting for its agents");
            }
            if (!safety.instance(primaries.get(0).instance()).up()) {
                return new RolloutStep.Wait(ag.name() + "'s primary " + primaries.get(0).instance()
                        + " is down; waiting for its agents");
            }
        }
        RolloutStep refusal = downgrade(snapshot, safety);
        if (refusal != null) {
            return refusal;
        }
        RolloutStep waiting = waitForPreviousStep(snapshot, safety, now);
        if (waiting != null) {
            return waiting;
        }
        List<RolloutInstance> outdated = snapshot.instances().stream().filter(RolloutInstance::outdated)
                .sorted(Comparator.comparingInt((RolloutInstance i) -> restartTier(snapshot, i))
                        .thenComparing(RolloutInstance::name))
                .toList();
        if (outdated.isEmpty()) {
            return new RolloutStep.Done("all " + snapshot.instances().size() + " instances run their desired"
                    + " revision and are back");
        }
        List<String> blockers = new ArrayList<>();
        for (RolloutInstance candidate : outdated) {
            String blocker = safety.restartBlocker(candidate);
            if (blocker == null) {
                return new RolloutStep.Restart(candidate.name(), restartReason(snapshot, candidate));
            }
            blockers.add(blocker);
        }
        for (RolloutAg ag : snapshot.ags().stream().sorted(Comparator.comparing(RolloutAg::name)).toList()) {
            RolloutMember primary = ag.primaries().get(0);
            if (safety.updated(primary.instance())) {
                continue;
            }
            RolloutStep.Switchover switchover = safety.switchover(ag, primary, blockers);
            if (switchover != null) {
                return switchover;
            }
        }
        String reasons = String.join("; ", blockers);
        boolean anyoneAway = snapshot.instances().stream().anyMatch(i -> safety.unsettled(i) != null);
        return anyoneAway
                ? new RolloutStep.Wait("no step is safe while a member is away: " + reasons)
                : new RolloutStep.Refuse("no order keeps every AG's rules: " + reasons);
    }

    /** An updated member on an older version than its AG's primary can never receive log again. */
    private static RolloutStep downgrade(RolloutSnapshot snapshot, RolloutSafety safety) {
        for (RolloutAg ag : snapshot.ags()) {
            SqlServerVersion primaryVersion = safety.instance(ag.primaries().get(0).instance()).version();
            for (RolloutMember m : ag.members()) {
                RolloutInstance i = safety.instance(m.instance());
                if (primaryVersion != null && i.version() != null && safety.updated(i.name())
                        && i.currentRevision() != null && i.version().isOlderThan(primaryVersion)) {
                    return new RolloutStep.Refuse(i.name() + " runs SQL Server " + i.version() + ", older than "
                            + ag.name() + "'s primary on " + primaryVersion + ": a downgrade below the AG's highest"
                            + " version is refused (a newer replica cannot send log to an older one); put the newer"
                            + " image back");
                }
            }
        }
        return null;
    }

    /** A requested switchover or an updated member not back yet: wait, and pause once the bound has passed. */
    private static RolloutStep waitForPreviousStep(RolloutSnapshot snapshot, RolloutSafety safety, Instant now) {
        boolean overdue = snapshot.lastStepAt() != null
                && Durations.exceeded(snapshot.lastStepAt(), snapshot.settleBound(), now);
        String bound = Durations.format(snapshot.settleBound());
        for (RolloutAg ag : snapshot.ags()) {
            if (ag.switchoverRequested()) {
                String primary = ag.primaries().get(0).instance();
                return overdue
                        ? new RolloutStep.Pause(primary, "the planned switchover of " + ag.name() + " away from "
                                + primary + " is not done " + bound + " after it was requested")
                        : new RolloutStep.Wait("waiting for the planned switchover of " + ag.name());
            }
        }
        for (RolloutInstance instance : snapshot.instances().stream()
                .sorted(Comparator.comparing(RolloutInstance::name)).toList()) {
            if (instance.outdated()) {
                continue;
            }
            String why = safety.unsettled(instance);
            if (why != null) {
                return overdue
                        ? new RolloutStep.Pause(instance.name(), why + " " + bound
                                + " after the last rollout step; nothing else restarts until it is back or the change"
                                + " is reverted")
                        : new RolloutStep.Wait("waiting: " + why);
            }
        }
        return null;
    }

    /** 0 for instances that hold no synchronous-commit membership (they restart first), 1 for the others. */
    private static int restartTier(RolloutSnapshot snapshot, RolloutInstance instance) {
        return snapshot.agsOf(instance.name()).stream()
                .anyMatch(ag -> ag.member(instance.name()).orElseThrow().mode() == AvailabilityMode.SYNCHRONOUS_COMMIT)
                ? 1 : 0;
    }

    private static String restartReason(RolloutSnapshot snapshot, RolloutInstance candidate) {
        List<RolloutAg> ags = snapshot.agsOf(candidate.name());
        if (ags.isEmpty()) {
            return candidate.name() + " is in no AG: restart it on revision " + candidate.desiredRevision();
        }
        return "restart secondary " + candidate.name() + " on revision " + candidate.desiredRevision() + " ("
                + String.join(", ", ags.stream().map(ag -> ag.name() + ": "
                + ag.member(candidate.name()).orElseThrow().mode().phrase()).toList()) + ")";
    }
}
