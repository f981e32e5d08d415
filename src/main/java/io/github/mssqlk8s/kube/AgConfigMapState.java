package io.github.mssqlk8s.kube;

import io.github.mssqlk8s.ha.ManualFailoverRequest;
import io.github.mssqlk8s.ha.ReplicaReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AG ConfigMap as read once: every replica's report, the leader entry, the failover request and its
 * outcome. Values that could not be read are left out and named in {@code problems}.
 *
 * @param reports         by SqlServer name
 * @param leader          null when none was written
 * @param request         null when none was made
 * @param outcome         null when none was written
 * @param resourceVersion of the ConfigMap read, for an update with optimistic concurrency; null when absent
 * @param problems        one sentence per unreadable value ("key: why")
 */
public record AgConfigMapState(Map<String, ReplicaReport> reports, LeaderEntry leader, FailoverRequestEntry request,
                               FailoverOutcomeEntry outcome, String resourceVersion, List<String> problems) {

    public AgConfigMapState {
        reports = Map.copyOf(reports);
        problems = List.copyOf(problems);
    }

    /** What an absent ConfigMap says: nothing. */
    public static AgConfigMapState absent() {
        return new AgConfigMapState(Map.of(), null, null, null, null, List.of());
    }

    public boolean exists() {
        return resourceVersion != null;
    }

    /** The outcome written for {@link #request()}, if any. */
    public Optional<FailoverOutcomeEntry> outcomeOfRequest() {
        if (request == null || outcome == null || !outcome.id().equals(request.id())) {
            return Optional.empty();
        }
        return Optional.of(outcome);
    }

    /**
     * The request in flight at {@code now}: it has no final outcome and is younger than {@code timeout}. While one
     * is, a second request is refused.
     */
    public Optional<FailoverRequestEntry> requestInFlight(Instant now, Duration timeout) {
        if (request == null || !request.isYoungerThan(timeout, now)) {
            return Optional.empty();
        }
        boolean finished = outcomeOfRequest().map(o -> o.state().isFinal()).orElse(false);
        return finished ? Optional.empty() : Optional.of(request);
    }

    /** A request that timed out without a final outcome: the Lease holder marks it failed. */
    public Optional<FailoverRequestEntry> requestTimedOut(Instant now, Duration timeout) {
        if (request == null || request.isYoungerThan(timeout, now)) {
            return Optional.empty();
        }
        boolean finished = outcomeOfRequest().map(o -> o.state().isFinal()).orElse(false);
        return finished ? Optional.empty() : Optional.of(request);
    }

    /** The request in flight as the decider takes it. */
    public Optional<ManualFailoverRequest> manualRequest(Instant now, Duration timeout) {
        return requestInFlight(now, timeout).map(r -> new ManualFailoverRequest(r.target(), r.forced(), r.requestedAt()));
    }

    /** Every report but {@code except}'s: the peers of that replica. */
    public List<ReplicaReport> reportsExcept(String except) {
        return reports.values().stream().filter(r -> !r.name().equals(except)).toList();
    }
}
