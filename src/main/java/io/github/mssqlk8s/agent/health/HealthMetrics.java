package io.github.mssqlk8s.agent.health;

import io.github.mssqlk8s.ha.ComponentState;
import io.github.mssqlk8s.ha.HealthStatus;
import io.github.mssqlk8s.ha.ServerDiagnostics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/** {@code /q/metrics}: component states, the verdict, the age of the last result, reconnects. */
@ApplicationScoped
public class HealthMetrics {

    /** SQL Server's own numbering of component states. */
    private static final Map<ComponentState, Integer> STATE_NUMBERS =
            Map.of(ComponentState.UNKNOWN, 0, ComponentState.CLEAN, 1, ComponentState.WARNING, 2, ComponentState.ERROR, 3);

    @Inject
    MeterRegistry registry;

    void register(HealthState state) {
        component(state, "system", ServerDiagnostics::system);
        component(state, "resource", ServerDiagnostics::resource);
        component(state, "query_processing", ServerDiagnostics::queryProcessing);
        component(state, "io_subsystem", ServerDiagnostics::ioSubsystem);
        component(state, "events", ServerDiagnostics::events);
        Gauge.builder("mssql.health.verdict", state, current -> verdictNumber(current.verdict(Instant.now()).status()))
                .description("0 healthy, 1 starting, 2 failed, 3 unknown").register(registry);
        Gauge.builder("mssql.health.last.result.age.seconds", state, HealthMetrics::ageSeconds)
                .description("seconds since the last sp_server_diagnostics result").register(registry);
        FunctionCounter.builder("mssql.health.reconnects", state, HealthState::reconnects)
                .description("connection attempts after the first").register(registry);
        FunctionCounter.builder("mssql.health.results", state, HealthState::results)
                .description("sp_server_diagnostics results received").register(registry);
    }

    private void component(HealthState state, String name, Function<ServerDiagnostics, ComponentState> read) {
        Gauge.builder("mssql.health.component.state", state, current -> current.latestDiagnostics() == null ? 0
                        : STATE_NUMBERS.get(read.apply(current.latestDiagnostics())))
                .tag("component", name)
                .description("0 unknown, 1 clean, 2 warning, 3 error")
                .register(registry);
    }

    private static double verdictNumber(HealthStatus status) {
        return switch (status) {
            case HEALTHY -> 0;
            case STARTING -> 1;
            case FAILED -> 2;
            default -> 3;
        };
    }

    private static double ageSeconds(HealthState state) {
        Instant last = state.lastDiagnosticsAt();
        return last == null ? Double.NaN : Duration.between(last, Instant.now()).toMillis() / 1000.0;
    }
}
