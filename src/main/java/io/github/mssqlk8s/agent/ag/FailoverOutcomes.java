package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.kube.AgConfigMap;
import io.github.mssqlk8s.kube.AgConfigMapState;
import io.github.mssqlk8s.kube.FailoverOutcomeEntry;
import io.github.mssqlk8s.kube.FailoverRequestEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Writes the outcome of the failover request in the AG's ConfigMap, once per state (protocol: failover.outcome). */
final class FailoverOutcomes {

    private final AgConfigMap configMap;
    private final Clock clock;
    private final Duration requestTimeout;

    FailoverOutcomes(AgConfigMap configMap, Clock clock, Duration requestTimeout) {
        this.configMap = configMap;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
    }

    /** For the request in flight, if there is one. */
    void forRequestInFlight(AgConfigMapState shared, FailoverOutcomeEntry.State state, String message) {
        shared.requestInFlight(clock.instant(), requestTimeout).ifPresent(request -> write(shared, request, state, message));
    }

    /** The Lease holder marks a request that timed out without a final outcome as failed. */
    void markTimedOut(AgConfigMapState shared, Instant now) {
        shared.requestTimedOut(now, requestTimeout).ifPresent(request -> write(shared, request,
                FailoverOutcomeEntry.State.FAILED, "timed out: not carried out within " + requestTimeout.toSeconds() + " s"));
    }

    private void write(AgConfigMapState shared, FailoverRequestEntry request, FailoverOutcomeEntry.State state, String message) {
        if (shared.outcomeOfRequest().map(o -> o.state() == state).orElse(false)) {
            return;
        }
        configMap.publishOutcome(new FailoverOutcomeEntry(request.id(), state, message, clock.instant()));
    }
}
