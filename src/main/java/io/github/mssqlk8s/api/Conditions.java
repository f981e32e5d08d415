package io.github.mssqlk8s.api;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Standard Kubernetes conditions on a status: set one, keeping its transition time when the status holds. */
public final class Conditions {

    public static final String TRUE = "True";
    public static final String FALSE = "False";

    /** The instance's pod is ready (SQL Server up and its databases online, as the health agent judges). */
    public static final String READY = "Ready";
    /** Every object the operator owns for the resource matches its spec. */
    public static final String RECONCILED = "Reconciled";
    /** The init-sql Job of the current generation completed. */
    public static final String INIT_SQL_SUCCEEDED = "InitSqlSucceeded";
    /** Reasons of {@link #INIT_SQL_SUCCEEDED} the init-sql Job writes itself; the operator keeps them (see StatusReport). */
    public static final String INIT_SQL_CONFIGURED = "Configured";
    public static final String INIT_SQL_STEP_FAILED = "StepFailed";
    /** A field that may not change after creation was changed; nothing running was touched. */
    public static final String SPEC_REJECTED = "SpecRejected";
    /**
     * A rollout of a pod template change across the namespace's instances (contract §1) stopped: a member did not
     * come back caught up in time, or the change cannot be rolled safely (True); False while it rolls or is done.
     */
    public static final String ROLLOUT_PAUSED = "RolloutPaused";
    /** The spec makes sense beyond what the schema checks (licence, name length, AG limits). */
    public static final String SPEC_VALID = "SpecValid";
    /** The Secrets and keys the spec references exist. */
    public static final String SECRETS_FOUND = "SecretsFound";

    private Conditions() {
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions.stream().filter(condition -> type.equals(condition.getType())).findFirst();
    }

    /**
     * Puts a condition into the list. {@code lastTransitionTime} moves only when the status changes, so a
     * repeated reconcile does not make the condition look new.
     */
    public static void set(List<Condition> conditions, String type, boolean status, String reason, String message,
            Long observedGeneration, Instant now) {
        String statusText = status ? TRUE : FALSE;
        Optional<Condition> existing = find(conditions, type);
        String transitionTime = existing.filter(condition -> statusText.equals(condition.getStatus()))
                .map(Condition::getLastTransitionTime)
                .orElse(now.toString());
        Condition condition = new ConditionBuilder()
                .withType(type)
                .withStatus(statusText)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(observedGeneration)
                .withLastTransitionTime(transitionTime)
                .build();
        existing.ifPresentOrElse(old -> conditions.set(conditions.indexOf(old), condition), () -> conditions.add(condition));
    }
}
