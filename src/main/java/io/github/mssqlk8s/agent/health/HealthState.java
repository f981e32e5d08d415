package io.github.mssqlk8s.agent.health;

import io.github.mssqlk8s.ha.DatabaseHealthTracker;
import io.github.mssqlk8s.ha.DatabaseHealthVerdict;
import io.github.mssqlk8s.ha.DatabaseState;
import io.github.mssqlk8s.ha.HealthJudge;
import io.github.mssqlk8s.ha.HealthObservation;
import io.github.mssqlk8s.ha.HealthSettings;
import io.github.mssqlk8s.ha.HealthVerdict;
import io.github.mssqlk8s.ha.ServerDiagnostics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the monitor has seen, kept as timestamps and the latest values; probes read it, never SQL Server.
 * Writes come from the monitor's threads; reads from probe threads; each method is synchronized and cheap.
 */
public class HealthState {

    private final Instant startedAt;
    private final HealthSettings settings;
    private final Duration transientDatabaseTimeout;
    private Instant lastConnectedAt;
    private Instant lastDiagnosticsAt;
    private ServerDiagnostics latestDiagnostics;
    private Instant refusedAt;
    private String lastProblem = "not connected yet";
    private Map<String, DatabaseState> databases = Map.of();
    private Instant databasesReadAt;
    private DatabaseHealthTracker tracker = DatabaseHealthTracker.empty();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong results = new AtomicLong();

    public HealthState(Instant startedAt, HealthSettings settings, Duration transientDatabaseTimeout) {
        this.startedAt = startedAt;
        this.settings = settings;
        this.transientDatabaseTimeout = transientDatabaseTimeout;
    }

    synchronized void connected(Instant now) {
        lastConnectedAt = now;
        lastProblem = null;
    }

    synchronized void diagnostics(ServerDiagnostics result, Instant now) {
        lastConnectedAt = now;
        lastDiagnosticsAt = now;
        latestDiagnostics = result;
        results.incrementAndGet();
    }

    synchronized void refused(Instant now, String problem) {
        refusedAt = now;
        lastProblem = problem;
    }

    synchronized void failed(String problem) {
        lastProblem = problem;
    }

    void reconnecting() {
        reconnects.incrementAndGet();
    }

    synchronized void databases(Map<String, DatabaseState> states, Instant now) {
        databases = Map.copyOf(states);
        databasesReadAt = now;
        tracker = tracker.observe(states, now);
    }

    public synchronized HealthObservation observation() {
        return new HealthObservation(startedAt, lastConnectedAt, lastDiagnosticsAt, latestDiagnostics, refusedAt);
    }

    public HealthVerdict verdict(Instant now) {
        return HealthJudge.judge(observation(), settings, now);
    }

    /** Connected and answering: the last result is younger than the health-check timeout and nothing refused since. */
    public synchronized boolean answering(Instant now) {
        return lastDiagnosticsAt != null && !observation().refusedSinceLastConnection()
                && Duration.between(lastDiagnosticsAt, now).compareTo(settings.healthCheckTimeout()) <= 0;
    }

    public synchronized DatabaseHealthVerdict databaseVerdict(Instant now) {
        return tracker.judge(databases, transientDatabaseTimeout, now);
    }

    /** Every database ONLINE, read recently. */
    public synchronized boolean databasesOnline(Instant now) {
        return databasesReadAt != null
                && Duration.between(databasesReadAt, now).compareTo(settings.healthCheckTimeout()) <= 0
                && databases.values().stream().allMatch(state -> state == DatabaseState.ONLINE);
    }

    public synchronized Map<String, DatabaseState> databaseStates() {
        return databases;
    }

    public synchronized ServerDiagnostics latestDiagnostics() {
        return latestDiagnostics;
    }

    public synchronized Instant lastDiagnosticsAt() {
        return lastDiagnosticsAt;
    }

    public synchronized String lastProblem() {
        return lastProblem;
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long results() {
        return results.get();
    }
}
