package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.ha.RolloutStep;
import java.time.Instant;
import java.util.List;

/**
 * The condition {@value Conditions#ROLLOUT_PAUSED} from the namespace's rollout, on every SqlServer of the
 * namespace (the rollout orders them all): True with the member and why when it paused or was refused, False
 * with the step it is at while it rolls, False "UpToDate" once done. A resource that never saw a rollout gets
 * no condition.
 */
final class RolloutStatus {

    static final String MEMBER_NOT_BACK = "MemberNotBack";
    static final String REFUSED = "RolloutRefused";
    static final String ROLLING = "Rolling";
    static final String UP_TO_DATE = "UpToDate";

    private RolloutStatus() {
    }

    static void apply(List<Condition> conditions, Rollouts.Progress progress, Long generation, Instant now) {
        if (progress == null) {
            return;
        }
        boolean seenBefore = Conditions.find(conditions, Conditions.ROLLOUT_PAUSED).isPresent();
        RolloutStep step = progress.step();
        if (!progress.rolling()) {
            if (seenBefore) {
                Conditions.set(conditions, Conditions.ROLLOUT_PAUSED, false, UP_TO_DATE,
                        "Every instance runs its desired pod template.", generation, now);
            }
            return;
        }
        String counts = " (this rollout so far: " + progress.restarts() + " restarts, " + progress.switchovers()
                + " switchovers)";
        if (step instanceof RolloutStep.Pause pause) {
            Conditions.set(conditions, Conditions.ROLLOUT_PAUSED, true, MEMBER_NOT_BACK,
                    "Paused at " + pause.member() + ": " + pause.reason() + counts, generation, now);
        } else if (step instanceof RolloutStep.Refuse refuse) {
            Conditions.set(conditions, Conditions.ROLLOUT_PAUSED, true, REFUSED, refuse.reason() + counts, generation, now);
        } else {
            Conditions.set(conditions, Conditions.ROLLOUT_PAUSED, false, ROLLING, step.reason() + counts, generation, now);
        }
    }
}
