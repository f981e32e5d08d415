package io.github.mssqlk8s.job;

/** A Job step that failed: the step's name and a sentence saying why (already free of secret values). */
public final class JobFailure extends Exception {

    private final String step;
    private final String reason;

    public JobFailure(String step, String reason) {
        this(step, reason, null);
    }

    /** With the underlying failure kept for debugging; the message stays the one line. */
    public JobFailure(String step, String reason, Throwable cause) {
        super(step + ": " + reason, cause, false, false);
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
