package io.github.mssqlk8s.ha;

import java.util.Objects;

/**
 * The health agent's verdict on one instance.
 *
 * @param status    the outcome
 * @param condition the condition seen (also when ignored or during the grace), null when none
 * @param reason    one sentence for logs, events and reports
 */
public record HealthVerdict(HealthStatus status, FailureCondition condition, String reason) {

    public HealthVerdict {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if (status == HealthStatus.FAILED && condition == null) {
            throw new IllegalArgumentException("a FAILED verdict names its condition");
        }
    }

    public static HealthVerdict healthy(String reason) {
        return new HealthVerdict(HealthStatus.HEALTHY, null, reason);
    }

    public static HealthVerdict unknown(String reason) {
        return new HealthVerdict(HealthStatus.UNKNOWN, null, reason);
    }

    public static HealthVerdict failed(FailureCondition condition, String reason) {
        return new HealthVerdict(HealthStatus.FAILED, condition, reason);
    }

    public boolean isFailed() {
        return status == HealthStatus.FAILED;
    }
}
