package io.github.mssqlk8s.kube;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * The ConfigMap key {@code failover.outcome}: what became of the request with {@code id}, written by the agents.
 *
 * @param id      the request's id
 * @param state   where it stands
 * @param message one sentence for the requester (SQL Server's reason on a refusal)
 * @param at      when this outcome was written
 */
public record FailoverOutcomeEntry(String id, State state, String message, Instant at) {

    public enum State {
        @JsonProperty("accepted") ACCEPTED,
        @JsonProperty("succeeded") SUCCEEDED,
        @JsonProperty("refused") REFUSED,
        @JsonProperty("failed") FAILED;

        /** No further outcome follows for the same request. */
        public boolean isFinal() {
            return this != ACCEPTED;
        }
    }

    public FailoverOutcomeEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
    }
}
