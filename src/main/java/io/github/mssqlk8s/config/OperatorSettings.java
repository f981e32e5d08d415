package io.github.mssqlk8s.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The operator's own settings. */
@ConfigMapping(prefix = "mssql.k8s.operator")
public interface OperatorSettings {

    /**
     * How soon a resource waiting on something outside the operator's watch (a user's Secret) is looked at
     * again; the wait doubles up to {@link #maxRecheckInterval()}.
     */
    @WithDefault("5s")
    Duration minRecheckInterval();

    @WithDefault("5m")
    Duration maxRecheckInterval();

    /**
     * How long a member may take to come back caught up after a rollout step (a restart, a switchover) before the
     * rollout pauses with the condition RolloutPaused (contract §1).
     */
    @WithDefault("10m")
    Duration rolloutSettleBound();

    /**
     * How old the agents' report of a planned switchover's target may be (read on the operator's clock, as the
     * failover Job does; the agents check again before they act).
     */
    @WithDefault("10s")
    Duration rolloutReportStaleAfter();

    /** The agents' image pull policy; empty leaves Kubernetes' default. */
    Optional<String> imagePullPolicy();
}
