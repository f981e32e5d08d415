package io.github.mssqlk8s.kube;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The last failover of the AG, in the {@code leader} entry.
 *
 * @param at     when the new primary was promoted
 * @param from   the former primary, null when unknown
 * @param to     the new primary
 * @param kind   automatic, planned (a request) or forced (a request allowing data loss)
 * @param reason the promoting decision's reason
 */
public record LastFailover(Instant at, String from, String to, Kind kind, String reason) {

    public enum Kind {
        @JsonProperty("automatic") AUTOMATIC,
        @JsonProperty("planned") PLANNED,
        @JsonProperty("forced") FORCED
    }
}
