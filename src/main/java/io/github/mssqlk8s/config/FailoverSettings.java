package io.github.mssqlk8s.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the failover Job and {@code kubectl mssql failover} follow a request ({@code mssql.k8s.failover.*}, e.g.
 * {@code MSSQL_K8S_FAILOVER_TIMEOUT=3m}). The request itself (AG, target, force) comes from the contract's
 * variables, read as the command's option defaults.
 */
@ConfigMapping(prefix = "mssql.k8s.failover")
public interface FailoverSettings {

    /** From writing the request until the new primary must be in place; then the Job gives up (exit 1). */
    @WithDefault("120s")
    Duration timeout();

    /** Between two looks at the ConfigMap and the pods while following. */
    @WithDefault("500ms")
    Duration pollInterval();

    /**
     * A report the Job has not seen change for this long, on its own clock, does not count when choosing the target
     * (the agents' stamps are another node's clock); the Job watches the reports at most this long before choosing.
     * Wider than the agents' own window: the agents check again before they act.
     */
    @WithDefault("10s")
    Duration reportStaleAfter();
}
