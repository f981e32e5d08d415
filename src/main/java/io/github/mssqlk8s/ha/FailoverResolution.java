package io.github.mssqlk8s.ha;

/** The answer to a manual failover request: a target, or a refusal the Job prints and exits non-zero on. */
public sealed interface FailoverResolution {

    String reason();

    /** Fail over to {@code target}; {@code forced} when it is not synchronized and data loss was allowed. */
    record Resolved(ReplicaId target, boolean forced, String reason) implements FailoverResolution {
    }

    record Refused(String reason) implements FailoverResolution {
    }
}
