package io.github.mssqlk8s.agent.health;

import io.github.mssqlk8s.ha.HealthVerdict;
import io.github.mssqlk8s.ha.ServerDiagnostics;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.BiPredicate;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** The JSON every probe answers with: the verdict, the components, the databases and why. */
final class ProbeResponses {

    static final String CHECK_NAME = "sql-server";

    private ProbeResponses() {
    }

    /** A probe's answer from the monitor's state: down while the agent has not started, else {@code up} decides. */
    static HealthCheckResponse answer(HealthMonitor monitor, BiPredicate<HealthState, Instant> up) {
        HealthState state = monitor.state();
        if (state == null) {
            return HealthCheckResponse.named(CHECK_NAME).down().withData("reason", "the health agent has not started").build();
        }
        Instant now = Instant.now();
        return describe(state, now).status(up.test(state, now)).build();
    }

    private static HealthCheckResponseBuilder describe(HealthState state, Instant now) {
        HealthVerdict verdict = state.verdict(now);
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(CHECK_NAME)
                .withData("verdict", verdict.status().name().toLowerCase(Locale.ROOT))
                .withData("reason", verdict.reason())
                .withData("reconnects", state.reconnects())
                .withData("databases", state.databaseVerdict(now).reason());
        if (verdict.condition() != null) {
            builder.withData("condition", verdict.condition().name().toLowerCase(Locale.ROOT));
        }
        ServerDiagnostics components = state.latestDiagnostics();
        if (components != null) {
            builder.withData("system", lower(components.system()))
                    .withData("resource", lower(components.resource()))
                    .withData("query_processing", lower(components.queryProcessing()))
                    .withData("io_subsystem", lower(components.ioSubsystem()))
                    .withData("events", lower(components.events()))
                    .withData("lastResultAgeMillis", Duration.between(state.lastDiagnosticsAt(), now).toMillis());
        }
        state.databaseStates().forEach((database, databaseState) -> builder.withData("database." + database, lower(databaseState)));
        if (state.lastProblem() != null) {
            builder.withData("lastProblem", state.lastProblem());
        }
        return builder;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
