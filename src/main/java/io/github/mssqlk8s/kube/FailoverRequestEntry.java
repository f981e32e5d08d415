package io.github.mssqlk8s.kube;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The ConfigMap key {@code failover.request}: a switchover asked for by the failover Job or the CLI.
 *
 * @param id          a random UUID; outcomes name it
 * @param requested   the raw {@code MSSQL_K8S_NEW_PRIMARY} text as the user wrote it (may be empty)
 * @param target      the SqlServer name the requester resolved it to
 * @param forced      {@code FORCE_FAILOVER_ALLOW_DATA_LOSS}
 * @param requestedAt when it was asked for
 * @param requestedBy the Job's pod name, or "kubectl-mssql"
 */
public record FailoverRequestEntry(String id, String requested, String target, boolean forced, Instant requestedAt,
                                   String requestedBy) {

    public FailoverRequestEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** Still to be carried out at {@code now}: younger than {@code timeout}. The outcome is checked separately. */
    public boolean isYoungerThan(Duration timeout, Instant now) {
        return requestedAt.plus(timeout).isAfter(now);
    }
}
