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
 * @param refusedAt           when a connection attempt was last refused outright (nothing listening), null if
 *                            never; after {@code lastConnectedAt} it means the instance is down now, no need to
 *                            wait out the connect timeout
 */
public record HealthObservation(Instant instanceStartedAt, Instant lastConnectedAt, Instant lastDiagnosticsAt,
                                ServerDiagnostics latestDiagnostics, Instant refusedAt) {

    /** An observation without a refused connection attempt. */
    public HealthObservation(Instant instanceStartedAt, Instant lastConnectedAt, Instant lastDiagnosticsAt,
                             ServerDiagnostics latestDiagnostics) {
        this(instanceStartedAt, lastConnectedAt, lastDiagnosticsAt, latestDiagnostics, null);
    }

    /** True when the latest word from the instance is a refusal. */
    public boolean refusedSinceLastConnection() {
        return refusedAt != null && (lastConnectedAt == null || refusedAt.isAfter(lastConnectedAt));
    }

    public HealthObservation {
        Objects.requireNonNull(instanceStartedAt, "instanceStartedAt");
        if ((lastDiagnosticsAt == null) != (latestDiagnostics == null)) {
            throw new IllegalArgumentException("lastDiagnosticsAt and latestDiagnostics go together");
        }
    }
}
