package io.github.mssqlk8s.job;

/** A Job step that failed: the step's name and one line saying why (already free of secret values). */
public final class JobFailure extends Exception {

    private final String step;
    private final String reason;

    public JobFailure(String step, String reason) {
        this(step, reason, null);
    }

    /** With the underlying failure kept for debugging; the message stays the one line. */
    public JobFailure(String step, String reason, Throwable cause) {
        super(step + ": " + oneLine(reason), cause, false, false);
        this.step = step;
        this.reason = oneLine(reason);
    }

    /** A multi-line message (an API server's answer) is joined into one line. */
    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    public String step() {
        return step;
    }

    public String reason() {
        return reason;
    }
}
