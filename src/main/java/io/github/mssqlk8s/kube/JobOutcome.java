package io.github.mssqlk8s.kube;

import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** Where a Job stands, read by one rule for every reader (the operator's init-sql history, kubectl mssql). */
public enum JobOutcome {
    RUNNING, SUCCEEDED, FAILED;

    /**
     * Succeeded once the Job controller says {@code Complete} or counts a succeeded pod (a Job whose pod
     * succeeded may not carry the condition yet); failed only on its {@code Failed} condition, so a pod that
     * failed and is retried within the back-off limit still counts as running.
     */
    public static JobOutcome of(Job job) {
        if (job.getStatus() == null) {
            return RUNNING;
        }
        if (hasCondition(job, "Complete") || job.getStatus().getSucceeded() != null && job.getStatus().getSucceeded() > 0) {
            return SUCCEEDED;
        }
        return hasCondition(job, "Failed") ? FAILED : RUNNING;
    }

    public boolean finished() {
        return this != RUNNING;
    }

    private static boolean hasCondition(Job job, String type) {
        return job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
                .anyMatch(condition -> type.equals(condition.getType()) && "True".equals(condition.getStatus()));
    }
}
