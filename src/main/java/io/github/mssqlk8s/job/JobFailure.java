package io.github.mssqlk8s.job;

/** A Job step that failed: the step's name and a sentence saying why (already free of secret values). */
public final class JobFailure extends Exception {

    private final String step;
    private final String reason;

    public JobFailure(String step, String reason) {
        super(step + ": " + reason, null, false, false);
        this.step = step;
        this.reason = reason;
    }

    public String step() {
        return step;
    }

    public String reason() {
        return reason;
    }
}
