package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Turns a {@link HealthObservation} into a {@link HealthVerdict} under a {@link MonitorPolicy}.
 *
 * <p>Conditions are looked for from the most basic up — no connection (DOWN), then no diagnostics
 * (UNRESPONSIVE), then component errors — because a higher level cannot be judged without the lower
 * one working. The first condition found is then weighed: ignored when the policy does not fail on
 * it, STARTING while inside the start-up grace (a restarting or recovering instance is not a failed
 * one), FAILED otherwise.
 */
public final class HealthJudge {

    private HealthJudge() {
    }

    public static HealthVerdict judge(HealthObservation observation, HealthSettings settings, Instant now) {
        if (observation == null) {
            return HealthVerdict.unknown("no health observation yet");
        }
        Finding finding = find(observation, settings, now);
        MonitorPolicy policy = settings.policy();
        if (finding == null) {
            List<String> notable = observation.latestDiagnostics().notableComponents();
            return HealthVerdict.healthy(notable.isEmpty()
                    ? "healthy: connected and all diagnostics components clean"
                    : "healthy under monitor policy " + policy.level() + " (" + String.join(", ", notable) + ")");
        }
        if (!policy.failsOn(finding.condition())) {
            return new HealthVerdict(HealthStatus.HEALTHY, finding.condition(),
                    "healthy under monitor policy " + policy.level() + ", which ignores " + finding.detail());
        }
        Duration sinceStart = Durations.until(observation.instanceStartedAt(), now);
        if (sinceStart.compareTo(settings.startupGrace()) < 0) {
            return new HealthVerdict(HealthStatus.STARTING, finding.condition(),
                    "starting: " + finding.detail() + ", within the start-up grace ("
                            + Durations.format(settings.startupGrace().minus(sinceStart)) + " left)");
        }
        return HealthVerdict.failed(finding.condition(),
                "failed at level " + finding.condition().level() + " under monitor policy " + policy.level()
                        + ": " + finding.detail());
    }

    private record Finding(FailureCondition condition, String detail) {
    }

    private static Finding find(HealthObservation o, HealthSettings settings, Instant now) {
        if (o.refusedSinceLastConnection()) {
            return new Finding(FailureCondition.DOWN, "instance down: connection refused "
                    + Durations.format(Durations.until(o.refusedAt(), now)) + " ago");
        }
        if (o.lastConnectedAt() == null) {
            return new Finding(FailureCondition.DOWN, "instance down: never connected since it started "
                    + Durations.format(Durations.until(o.instanceStartedAt(), now)) + " ago");
        }
        if (Durations.exceeded(o.lastConnectedAt(), settings.connectTimeout(), now)) {
            return new Finding(FailureCondition.DOWN, "instance down: no connection for "
                    + Durations.format(Durations.until(o.lastConnectedAt(), now)) + " (connect timeout "
                    + Durations.format(settings.connectTimeout()) + ")");
        }
        if (o.lastDiagnosticsAt() == null) {
            return new Finding(FailureCondition.UNRESPONSIVE,
                    "instance unresponsive: no sp_server_diagnostics result yet");
        }
        if (Durations.exceeded(o.lastDiagnosticsAt(), settings.healthCheckTimeout(), now)) {
            return new Finding(FailureCondition.UNRESPONSIVE, "instance unresponsive: no sp_server_diagnostics result for "
                    + Durations.format(Durations.until(o.lastDiagnosticsAt(), now)) + " (health-check timeout "
                    + Durations.format(settings.healthCheckTimeout()) + ")");
        }
        FailureCondition component = o.latestDiagnostics().worstCondition();
        return component == null ? null : new Finding(component, component.description());
    }
}
