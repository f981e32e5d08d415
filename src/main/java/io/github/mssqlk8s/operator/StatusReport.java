package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.AvailabilityGroupStatus;
import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.api.SqlServerStatus;
import io.github.mssqlk8s.kube.JobOutcome;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.resources.SpecProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Computes a resource's next status from what the reconcile observed; no I/O. */
final class StatusReport {

    static final String RECONCILE_FAILED = "ReconcileFailed";

    private StatusReport() {
    }

    static SqlServerStatus next(SqlServer resource, Observations seen, Instant now) {
        SqlServerStatus before = resource.getStatus() == null ? new SqlServerStatus() : resource.getStatus();
        Long generation = resource.getMetadata().getGeneration();
        SqlServerStatus next = new SqlServerStatus();
        next.setConditions(new ArrayList<>(before.getConditions()));
        List<Condition> conditions = next.getConditions();

        if (seen.specProblems().isEmpty()) {
            Conditions.set(conditions, Conditions.SPEC_VALID, true, "Valid", "The spec passed every check.", generation, now);
        } else {
            SpecProblem first = seen.specProblems().get(0);
            Conditions.set(conditions, Conditions.SPEC_VALID, false, first.reason(),
                    seen.specProblems().stream().map(SpecProblem::message).collect(Collectors.joining(" ")), generation, now);
        }
        if (seen.changedFields().isEmpty()) {
            Conditions.set(conditions, Conditions.SPEC_REJECTED, false, "Accepted",
                    "The spec keeps every field that may not change after creation.", generation, now);
        } else {
            Conditions.set(conditions, Conditions.SPEC_REJECTED, true, "ImmutableFieldChanged",
                    String.join(", ", seen.changedFields()) + " cannot change after creation (only availabilityGroups and "
                            + "sqlPostInitScript can); revert the change, or delete and recreate the resource. "
                            + "The running instance was not touched.", generation, now);
        }
        if (seen.secretProblems().isEmpty()) {
            Conditions.set(conditions, Conditions.SECRETS_FOUND, true, "Found", "Every referenced Secret key exists.", generation, now);
        } else {
            Conditions.set(conditions, Conditions.SECRETS_FOUND, false, "SecretNotFound",
                    String.join(" ", seen.secretProblems()) + " Retrying with backoff.", generation, now);
        }

        if (seen.blocked()) {
            Conditions.set(conditions, Conditions.RECONCILED, false, "Blocked",
                    "Nothing was changed until the problems above are fixed.", generation, now);
        } else if (seen.workflowRan()) {
            String message = seen.leftAlone().isEmpty() ? "Every owned object matches the spec."
                    : "Every owned object matches the spec; left alone because another owner has them: "
                            + String.join(", ", seen.leftAlone()) + ".";
            Conditions.set(conditions, Conditions.RECONCILED, true, "Reconciled", message, generation, now);
        }
        initSql(conditions, seen, generation, now);
        ready(conditions, seen, generation, now);

        next.setObservedGeneration(seen.blocked() ? before.getObservedGeneration() : generation);
        next.setAvailabilityGroups(availabilityGroups(resource, seen));
        return next;
    }

    /**
     * The status after a reconcile that threw: Reconciled says so in one line, Ready follows the pod the informer
     * holds (so it never stays stale while reconciles fail), and everything else stays as last observed.
     */
    static SqlServerStatus failed(SqlServer resource, Optional<Pod> pod, Exception failure, Instant now) {
        SqlServerStatus before = resource.getStatus() == null ? new SqlServerStatus() : resource.getStatus();
        Long generation = resource.getMetadata().getGeneration();
        SqlServerStatus next = new SqlServerStatus();
        next.setConditions(new ArrayList<>(before.getConditions()));
        Conditions.set(next.getConditions(), Conditions.RECONCILED, false, RECONCILE_FAILED,
                "The last reconcile failed and is retried with backoff: " + FailureSummary.oneLine(failure),
                generation, now);
        pod.ifPresent(running -> ready(next.getConditions(), running, generation, now));
        next.setObservedGeneration(before.getObservedGeneration());
        next.setAvailabilityGroups(new ArrayList<>(before.getAvailabilityGroups()));
        return next;
    }

    private static void initSql(List<Condition> conditions, Observations seen, Long generation,
            Instant now) {
        if (seen.initSqlJob().isEmpty()) {
            if (!seen.blocked()) {
                Conditions.set(conditions, Conditions.INIT_SQL_SUCCEEDED, false, "Pending",
                        "The init-sql Job of generation " + generation + " has not started.", generation, now);
            }
            return;
        }
        String job = seen.initSqlJob().get().getMetadata().getName();
        JobOutcome outcome = JobOutcome.of(seen.initSqlJob().get());
        if (writtenByJob(conditions, generation, outcome)) {
            return;
        }
        switch (outcome) {
            case SUCCEEDED -> Conditions.set(conditions, Conditions.INIT_SQL_SUCCEEDED, true, "Succeeded",
                    "The init-sql Job " + job + " configured the instance for generation " + generation + ".", generation, now);
            case FAILED -> Conditions.set(conditions, Conditions.INIT_SQL_SUCCEEDED, false, "Failed",
                    "The init-sql Job " + job + " failed; its log names the step (kubectl logs job/" + job + ").", generation, now);
            default -> Conditions.set(conditions, Conditions.INIT_SQL_SUCCEEDED, false, "Running",
                    "The init-sql Job " + job + " is running.", generation, now);
        }
    }

    /**
     * The Job writes the condition itself for this generation (with the failing step and SQL Server's message):
     * its word is kept while the Job's outcome agrees with it. While the Job runs (or retries) either is kept: a
     * True arrives before the Job completes, a False names the last attempt's failure.
     */
    private static boolean writtenByJob(List<Condition> conditions, Long generation, JobOutcome outcome) {
        return Conditions.find(conditions, Conditions.INIT_SQL_SUCCEEDED)
                .filter(condition -> generation != null && generation.equals(condition.getObservedGeneration()))
                .filter(condition -> switch (outcome) {
                    case SUCCEEDED -> Conditions.INIT_SQL_CONFIGURED.equals(condition.getReason());
                    case FAILED -> Conditions.INIT_SQL_STEP_FAILED.equals(condition.getReason());
                    case RUNNING -> Conditions.INIT_SQL_CONFIGURED.equals(condition.getReason())
                            || Conditions.INIT_SQL_STEP_FAILED.equals(condition.getReason());
                })
                .isPresent();
    }

    private static void ready(List<Condition> conditions, Observations seen, Long generation,
            Instant now) {
        if (seen.pod().isEmpty() && seen.podCreateFailure().isPresent()) {
            Conditions.set(conditions, Conditions.READY, false, "PodCreateFailed",
                    "The StatefulSet cannot create the pod: " + seen.podCreateFailure().get(), generation, now);
        } else if (seen.pod().isEmpty()) {
            Conditions.set(conditions, Conditions.READY, false, "PodMissing", "The instance's pod does not exist yet.",
                    generation, now);
        } else {
            ready(conditions, seen.pod().get(), generation, now);
        }
    }

    private static void ready(List<Condition> conditions, Pod pod, Long generation, Instant now) {
        String name = pod.getMetadata().getName();
        if (isReady(pod)) {
            Conditions.set(conditions, Conditions.READY, true, "PodReady", "The pod " + name + " is ready.", generation, now);
        } else {
            Conditions.set(conditions, Conditions.READY, false, "PodNotReady", "The pod " + name + " is not ready.",
                    generation, now);
        }
    }

    static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
    }

    /** The role of this instance in each AG, as the agents labelled its pod. */
    private static List<AvailabilityGroupStatus> availabilityGroups(SqlServer resource, Observations seen) {
        Map<String, String> podLabels = seen.pod().map(pod -> pod.getMetadata().getLabels()).orElse(Map.of());
        Map<String, AvailabilityGroupStatus> previous = resource.getStatus() == null ? Map.of()
                : resource.getStatus().getAvailabilityGroups().stream()
                        .collect(Collectors.toMap(AvailabilityGroupStatus::getName, group -> group, (a, b) -> a));
        List<AvailabilityGroupStatus> groups = new ArrayList<>();
        // Sorted by name, as the agents write it (SqlServerStatusWriter): writers that keep different orders would
        // reorder the list back and forth. An odd item without a name has no entry (the name is the list's key).
        List<AvailabilityGroupRef> refs = resource.getSpec().getAvailabilityGroups().stream()
                .filter(ref -> ref.getName() != null)
                .sorted(Comparator.comparing(AvailabilityGroupRef::getName))
                .toList();
        for (AvailabilityGroupRef ref : refs) {
            AvailabilityGroupStatus group = new AvailabilityGroupStatus();
            group.setName(ref.getName());
            group.setAvailabilityMode(ref.effectiveMode());
            group.setRole(podLabels.getOrDefault(Labels.role(ref.getName()), "unknown"));
            // The agents write why they did what they did; keep their sentence.
            AvailabilityGroupStatus old = previous.get(ref.getName());
            group.setMessage(old == null ? null : old.getMessage());
            groups.add(group);
        }
        return groups;
    }
}
