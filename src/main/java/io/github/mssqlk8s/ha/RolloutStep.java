package io.github.mssqlk8s.ha;

import java.util.Objects;

/** The one next step of a rollout across all AGs ({@link RolloutPlanner}), with a reason a person can read. */
public sealed interface RolloutStep {

    String reason();

    /** Delete the pod of {@code instance}; its StatefulSet recreates it from the desired revision. */
    record Restart(String instance, String reason) implements RolloutStep {
        public Restart {
            Objects.requireNonNull(instance, "instance");
        }
    }

    /** Ask the agents of {@code ag} for a planned (never forced) switchover to {@code target}. */
    record Switchover(String ag, String target, String reason) implements RolloutStep {
        public Switchover {
            Objects.requireNonNull(ag, "ag");
            Objects.requireNonNull(target, "target");
        }
    }

    /** Something is under way (a member coming back, a switchover); look again later. */
    record Wait(String reason) implements RolloutStep {
    }

    /**
     * {@code member} did not come back caught up within the bound: nothing else restarts until it recovers or
     * the change is reverted (condition {@code RolloutPaused}).
     */
    record Pause(String member, String reason) implements RolloutStep {
    }

    /** The change cannot be rolled out safely as it stands (a downgrade, no switchover target): a condition. */
    record Refuse(String reason) implements RolloutStep {
    }

    /** Every instance runs its desired revision and is back. */
    record Done(String reason) implements RolloutStep {
    }
}
