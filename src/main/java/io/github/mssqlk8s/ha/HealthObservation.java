package io.github.mssqlk8s.ha;

import java.time.Instant;
import java.util.Objects;

/**
 * What the health agent has seen of its local instance so far, as timestamps (so no hidden state).
 *
 * @param instanceStartedAt   when the SQL Server container (re)started; anchors the start-up grace
 * @param lastConnectedAt     last moment a connection was known to work, null if never
 * @param lastDiagnosticsAt   when the latest {@code sp_server_diagnostics} result arrived, null if never
 * @param latestDiagnostics   that result, null if never
 */
public record HealthObservation(Instant instanceStartedAt, Instant lastConnectedAt, Instant lastDiagnosticsAt,
                                ServerDiagnostics latestDiagnostics) {

    public HealthObservation {
        Objects.requireNonNull(instanceStartedAt, "instanceStartedAt");
        if ((lastDiagnosticsAt == null) != (latestDiagnostics == null)) {
            throw new IllegalArgumentException("lastDiagnosticsAt and latestDiagnostics go together");
        }
    }
}
