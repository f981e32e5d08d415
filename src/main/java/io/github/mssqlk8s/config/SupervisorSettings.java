package io.github.mssqlk8s.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** The ag-agent supervisor's own settings ({@code mssql.k8s.supervisor.*}). */
@ConfigMapping(prefix = "mssql.k8s.supervisor")
public interface SupervisorSettings {

    /**
     * The command line of one child, the image's launcher in the {@code ag-agent} mode. A child learns its AG
     * from the environment, never from an argument.
     */
    @WithDefault("/usr/local/bin/mssql-k8s-agents,ag-agent")
    List<String> childCommand();

    /** How long a child told to stop may take (leaving its AG, closing connections) before it is killed. */
    @WithDefault("30s")
    Duration stopGracePeriod();

    /** Wait before the first restart of a crashed child; it doubles with each further crash. */
    @WithDefault("1s")
    Duration restartDelay();

    @WithDefault("30s")
    Duration maxRestartDelay();

    /** A child that ran this long before it crashed is restarted after {@link #restartDelay()} again. */
    @WithDefault("60s")
    Duration steadyRunTime();
}
