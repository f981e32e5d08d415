package io.github.mssqlk8s.ha;

import java.time.Instant;
import java.util.Objects;

/**
 * A failover asked for by the failover Job, already resolved (see {@link FailoverRequestResolver}) and
 * published in the AG's ConfigMap.
 *
 * @param target       the SqlServer name of the replica to promote
 * @param forced       {@code FORCE_FAILOVER_ALLOW_DATA_LOSS}
 * @param requestedAt  when the Job made the request
 */
public record ManualFailoverRequest(String target, boolean forced, Instant requestedAt) {

    public ManualFailoverRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
