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

    /** The agents' image pull policy; empty leaves Kubernetes' default. */
    Optional<String> imagePullPolicy();
}
