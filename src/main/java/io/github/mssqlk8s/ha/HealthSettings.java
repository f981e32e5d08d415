package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.util.Objects;

/**
 * What the health judgement needs from a SqlServer resource and the agent's configuration.
 *
 * @param policy             the monitor policy
 * @param connectTimeout     {@code connectionTimeoutSec}: no connection for longer means DOWN
 * @param healthCheckTimeout no diagnostics result for longer means UNRESPONSIVE
 * @param startupGrace       how long after the instance started failing conditions count as STARTING
 */
public record HealthSettings(MonitorPolicy policy, Duration connectTimeout, Duration healthCheckTimeout,
                             Duration startupGrace) {

    public HealthSettings {
        Objects.requireNonNull(policy, "policy");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(healthCheckTimeout, "healthCheckTimeout");
        Objects.requireNonNull(startupGrace, "startupGrace");
        if (startupGrace.isNegative()) {
            throw new IllegalArgumentException("startupGrace must not be negative");
        }
    }

    /** Contract defaults: policy 3, connect timeout 30 s; health-check timeout 30 s; grace 60 s. */
    public static HealthSettings defaults() {
        return new HealthSettings(MonitorPolicy.DEFAULT, Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(60));
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
