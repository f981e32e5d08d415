package io.github.mssqlk8s.job;

/**
 * Told after each completed step of rotate-creds. Production logs nothing more; tests end the run here to prove
 * that a Job killed after any step completes when run again.
 */
@FunctionalInterface
public interface StepHook {

    StepHook NONE = step -> { };

    void completed(String step);
}
