package io.github.mssqlk8s.ha;

import static io.github.mssqlk8s.ha.Fixtures.T0;
import static io.github.mssqlk8s.ha.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthJudgeTest {

    /** Observed at 100 s after start (past the 60 s grace), connect and health-check timeouts 30 s. */
    private static final Instant NOW = at(100);

    private static HealthObservation observation(String situation) {
        ComponentState c = ComponentState.CLEAN;
        ComponentState e = ComponentState.ERROR;
        return switch (situation) {
            case "clean" -> new HealthObservation(T0, NOW, NOW, ServerDiagnostics.allClean());
            case "never-connected" -> new HealthObservation(T0, null, null, null);
            case "connection-lost" -> new HealthObservation(T0, at(69), at(69), ServerDiagnostics.allClean());
            case "no-diagnostics" -> new HealthObservation(T0, NOW, at(65), ServerDiagnostics.allClean());
            case "system-error" -> new HealthObservation(T0, NOW, NOW, new ServerDiagnostics(e, c, c, c, c));
            case "resource-error" -> new HealthObservation(T0, NOW, NOW, new ServerDiagnostics(c, e, c, c, c));
            case "query-processing-error" -> new HealthObservation(T0, NOW, NOW, new ServerDiagnostics(c, c, e, c, c));
            case "refused-just-now" -> new HealthObservation(T0, at(99), at(99), ServerDiagnostics.allClean(), at(99).plusMillis(500));
            case "refused-then-reconnected" -> new HealthObservation(T0, NOW, NOW, ServerDiagnostics.allClean(), at(98));
            case "io-and-events-error" -> new HealthObservation(T0, NOW, NOW, new ServerDiagnostics(c, c, c, e, e));
            default -> throw new IllegalArgumentException(situation);
        };
    }

    private static HealthSettings policy(int level) {
        HealthSettings d = HealthSettings.defaults();
        return new HealthSettings(new MonitorPolicy(level), d.connectTimeout(), d.healthCheckTimeout(), d.startupGrace());
    }

    @ParameterizedTest(name = "{0} under policy {1} -> {2}")
    @CsvSource({
            // situation,             policy, status,  condition,              reason keyword
            "clean,                   3,      HEALTHY, ,                       all diagnostics components clean",
            "never-connected,         0,      HEALTHY, DOWN,                   ignores instance down",
            "never-connected,         1,      FAILED,  DOWN,                   never connected",
            "connection-lost,         1,      FAILED,  DOWN,                   no connection for 31s",
            "connection-lost,         5,      FAILED,  DOWN,                   connect timeout 30s",
            "refused-just-now,        1,      FAILED,  DOWN,                   connection refused",
            "refused-just-now,        0,      HEALTHY, DOWN,                   ignores instance down: connection refused",
            "refused-then-reconnected, 3,     HEALTHY, ,                       all diagnostics components clean",
            "no-diagnostics,          0,      HEALTHY, UNRESPONSIVE,           ignores instance unresponsive",
            "no-diagnostics,          1,      FAILED,  UNRESPONSIVE,           no sp_server_diagnostics result for 35s",
            "no-diagnostics,          2,      FAILED,  UNRESPONSIVE,           health-check timeout 30s",
            "system-error,            2,      HEALTHY, SYSTEM_ERROR,           ignores component system in error",
            "system-error,            3,      FAILED,  SYSTEM_ERROR,           failed at level 3 under monitor policy 3",
            "resource-error,          3,      HEALTHY, RESOURCE_ERROR,         ignores component resource in error",
            "resource-error,          4,      FAILED,  RESOURCE_ERROR,         component resource in error",
            "query-processing-error,  4,      HEALTHY, QUERY_PROCESSING_ERROR, ignores component query_processing",
            "query-processing-error,  5,      FAILED,  QUERY_PROCESSING_ERROR, failed at level 5",
            "io-and-events-error,     5,      HEALTHY, ,                       io_subsystem error, events error",
    })
    void monitorPolicyByCondition(String situation, int level, HealthStatus status, FailureCondition condition,
                                  String keyword) {
        HealthVerdict verdict = HealthJudge.judge(observation(situation), policy(level), NOW);

        assertThat(verdict.status()).isEqualTo(status);
        assertThat(verdict.condition()).isEqualTo(condition);
        assertThat(verdict.reason()).contains(keyword);
    }

    @ParameterizedTest(name = "{0} s after start -> {1}")
    @CsvSource({
            "10, STARTING, 50s left",
            "59, STARTING, start-up grace",
            "61, FAILED,   never connected since it started 61s ago",
    })
    void aStartingInstanceIsToldApartFromAFailedOne(int secondsAfterStart, HealthStatus status, String keyword) {
        HealthObservation starting = new HealthObservation(T0, null, null, null);

        HealthVerdict verdict = HealthJudge.judge(starting, HealthSettings.defaults(), at(secondsAfterStart));

        assertThat(verdict.status()).isEqualTo(status);
        assertThat(verdict.condition()).isEqualTo(FailureCondition.DOWN);
        assertThat(verdict.reason()).contains(keyword);
    }

    @Test
    void noObservationIsUnknownNotFailed() {
        HealthVerdict verdict = HealthJudge.judge(null, HealthSettings.defaults(), NOW);

        assertThat(verdict.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(verdict.isFailed()).isFalse();
    }

    @Test
    void aConnectionLostForExactlyTheTimeoutIsNotYetDown() {
        HealthObservation edge = new HealthObservation(T0, NOW.minus(Duration.ofSeconds(30)), NOW, ServerDiagnostics.allClean());

        assertThat(HealthJudge.judge(edge, HealthSettings.defaults(), NOW).status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "2, 1", "3, 3", "4, 4", "5, 5"})
    void policyTwoBehavesAsOne(int level, int effective) {
        assertThat(new MonitorPolicy(level).effectiveLevel()).isEqualTo(effective);
    }

    @ParameterizedTest
    @CsvSource({"-1", "6"})
    void policyOutsideZeroToFiveIsRefused(int level) {
        assertThatThrownBy(() -> new MonitorPolicy(level)).hasMessageContaining("between 0 and 5");
    }

    @ParameterizedTest
    @CsvSource({"clean, CLEAN", "Warning, WARNING", "error, ERROR", "unknown, UNKNOWN", "bogus, UNKNOWN"})
    void componentStatesParse(String desc, ComponentState expected) {
        assertThat(ComponentState.parse(desc)).isEqualTo(expected);
    }
}
