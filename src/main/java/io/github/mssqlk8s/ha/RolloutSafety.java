package io.github.mssqlk8s.ha;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rules every single rollout step must keep in every AG it touches (contract §1, §6): never restart a primary,
 * never two members of an AG down at once, never fewer synchronized secondaries than the commit durability needs,
 * never a primary newer than a secondary that has not been updated yet. Each method answers with the reason a
 * step is not allowed, or null when it is.
 */
final class RolloutSafety {

    private final RolloutSnapshot snapshot;
    private final Map<String, RolloutInstance> instances;

    RolloutSafety(RolloutSnapshot snapshot) {
        this.snapshot = snapshot;
        this.instances = snapshot.instancesByName();
    }

    RolloutInstance instance(String name) {
        return instances.get(name);
    }

    /** Runs the desired revision (a pod that is being recreated counts: it is made from the desired one). */
    boolean updated(String name) {
        return !instance(name).outdated();
    }

    /** Null when deleting the pod of {@code candidate} keeps every rule in each of its AGs; otherwise why not. */
    String restartBlocker(RolloutInstance candidate) {
        for (RolloutAg ag : snapshot.agsOf(candidate.name())) {
            RolloutMember member = ag.member(candidate.name()).orElseThrow();
            if (member.isPrimary()) {
                return candidate.name() + " is primary of " + ag.name() + ", which switches over first";
            }
            for (RolloutMember other : ag.members()) {
                if (!other.instance().equals(candidate.name()) && !instance(other.instance()).up()) {
                    return other.instance() + " of " + ag.name() + " is down, and two members of an AG are never down"
                            + " at once";
                }
            }
            if (candidate.up() && member.holdsCommits()) {
                long left = holdingCommits(ag, candidate.name(), null);
                if (left < ag.requiredSynchronizedSecondaries()) {
                    return "restarting " + candidate.name() + " would leave " + ag.name() + " " + left
                            + " synchronized secondaries, and its commit durability needs "
                            + ag.requiredSynchronizedSecondaries();
                }
            }
        }
        return null;
    }

    /**
     * For an AG whose primary runs an outdated pod: the planned switchover to make, or null with the reason in
     * {@code blockers}. The target is an updated, up, synchronized synchronous-commit secondary; every other member
     * but the old primary must already be updated or be able to receive log from the target (a version no older),
     * and enough of them must stay synchronized for the commit durability. The old primary itself may stop
     * synchronizing when the target is newer: it is restarted next.
     */
    RolloutStep.Switchover switchover(RolloutAg ag, RolloutMember primary, List<String> blockers) {
        List<RolloutMember> targets = ag.members().stream()
                .filter(m -> !m.isPrimary() && m.mode() == AvailabilityMode.SYNCHRONOUS_COMMIT)
                .sorted(Comparator.comparing(RolloutMember::instance))
                .toList();
        if (targets.isEmpty()) {
            blockers.add(ag.name() + " has no synchronous-commit secondary to switch over to: its primary "
                    + primary.instance() + " cannot restart without a forced failover");
            return null;
        }
        List<String> why = new ArrayList<>();
        for (RolloutMember target : targets) {
            String blocker = targetBlocker(ag, primary, target);
            if (blocker == null) {
                return new RolloutStep.Switchover(ag.name(), target.instance(), "every secondary of " + ag.name()
                        + " runs the new revision; planned switchover from " + primary.instance() + " to "
                        + target.instance() + ", so that the old primary restarts last");
            }
            why.add(blocker);
        }
        blockers.add(ag.name() + " cannot switch over yet: " + String.join("; ", why));
        return null;
    }

    private String targetBlocker(RolloutAg ag, RolloutMember primary, RolloutMember target) {
        RolloutInstance t = instance(target.instance());
        if (!updated(t.name()) || t.currentRevision() == null) {
            return t.name() + " does not run the new revision";
        }
        if (!t.up() || !target.caughtUp() || target.role() != ReplicaRole.SECONDARY) {
            return t.name() + " is not an up, synchronized secondary";
        }
        for (RolloutMember other : ag.members()) {
            if (other == primary || other == target || updated(other.instance())) {
                continue;
            }
            if (!primaryOfAnyAg(other.instance())) {
                return other.instance() + " is a secondary that still runs the old revision, and secondaries go first";
            }
            if (!receivesFrom(other, t)) {
                return other.instance() + " (primary of another AG) still runs the old revision and might be older"
                        + " than " + t.name() + ", which could then not send it log";
            }
        }
        long left = holdingCommits(ag, primary.instance(), t);
        if (left < ag.requiredSynchronizedSecondaries()) {
            return "after a switchover to " + t.name() + ", " + ag.name() + " would have " + left
                    + " synchronized secondaries, and its commit durability needs "
                    + ag.requiredSynchronizedSecondaries();
        }
        return null;
    }

    private boolean primaryOfAnyAg(String name) {
        return snapshot.agsOf(name).stream().anyMatch(ag -> ag.member(name).orElseThrow().isPrimary());
    }

    /** {@code member} can receive log from {@code sender}: both versions known and the member's no older. */
    private boolean receivesFrom(RolloutMember member, RolloutInstance sender) {
        SqlServerVersion mine = instance(member.instance()).version();
        return mine != null && sender.version() != null && !mine.isOlderThan(sender.version());
    }

    /**
     * Up synchronized synchronous-commit secondaries of {@code ag} that hold commits, {@code leaving} not counted;
     * when {@code newPrimary} is given, it is not counted either and the others count only if they can receive its
     * log.
     */
    private long holdingCommits(RolloutAg ag, String leaving, RolloutInstance newPrimary) {
        return ag.members().stream()
                .filter(m -> !m.instance().equals(leaving))
                .filter(m -> newPrimary == null || !m.instance().equals(newPrimary.name()))
                .filter(m -> m.holdsCommits() && instance(m.instance()).up())
                .filter(m -> newPrimary == null || updated(m.instance()) || receivesFrom(m, newPrimary))
                .count();
    }

    /** Why {@code instance} is not back (down, or not caught up in one of its AGs); null when it is. */
    String unsettled(RolloutInstance instance) {
        if (instance.currentRevision() == null) {
            return instance.name() + " has no pod yet";
        }
        if (!instance.up()) {
            return instance.name() + " is not up";
        }
        for (RolloutAg ag : snapshot.agsOf(instance.name())) {
            RolloutMember m = ag.member(instance.name()).orElseThrow();
            if (!m.isPrimary() && !m.caughtUp()) {
                return instance.name() + " is not " + caughtUpPhrase(m.mode()) + " in " + ag.name();
            }
        }
        return null;
    }

    private static String caughtUpPhrase(AvailabilityMode mode) {
        return switch (mode) {
            case SYNCHRONOUS_COMMIT -> "SYNCHRONIZED";
            case ASYNCHRONOUS_COMMIT -> "SYNCHRONIZING";
            case CONFIGURATION_ONLY -> "joined";
        };
    }
}
