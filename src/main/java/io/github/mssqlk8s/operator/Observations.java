package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.github.mssqlk8s.resources.SpecProblem;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile found: the facts the status is computed from.
 *
 * @param specProblems     checks beyond the schema that failed
 * @param changedFields    immutable fields changed since the spec was accepted
 * @param secretProblems   referenced Secrets or keys that are missing
 * @param workflowRan      the owned objects were brought to the spec in this reconcile
 * @param leftAlone        shared AG objects of the same name that someone else owns
 * @param pod              the instance's pod, when it exists
 * @param initSqlJob       the init-sql Job of the current generation, when it exists
 * @param podCreateFailure why the StatefulSet controller could not create the missing pod (its FailedCreate Event)
 */
record Observations(
        List<SpecProblem> specProblems,
        List<String> changedFields,
        List<String> secretProblems,
        boolean workflowRan,
        List<String> leftAlone,
        Optional<Pod> pod,
        Optional<Job> initSqlJob,
        Optional<String> podCreateFailure) {

    boolean blocked() {
        return !specProblems.isEmpty() || !changedFields.isEmpty() || !secretProblems.isEmpty();
    }
}
