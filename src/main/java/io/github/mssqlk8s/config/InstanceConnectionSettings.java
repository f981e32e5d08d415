package io.github.mssqlk8s.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the agents in the pod reach and judge their local SQL Server: the resource's timeouts and monitor policy
 * (passed by the operator as {@code MSSQL_K8S_*} variables) and where the agents' login is mounted.
 */
@ConfigMapping(prefix = "mssql.k8s")
public interface InstanceConnectionSettings {

    @WithDefault("localhost")
    String sqlHost();

    @WithDefault("1433")
    int sqlPort();

    /** mssql-jdbc's {@code encrypt}: the pod's own SQL Server has a self-signed certificate, hence trust below. */
    @WithDefault("true")
    String sqlEncrypt();

    @WithDefault("true")
    boolean sqlTrustServerCertificate();

    @WithDefault("/var/run/secrets/mssql-k8s/agent-login")
    String agentLoginPath();

    /** The sa password file: used for CREATE AVAILABILITY GROUP only, which needs sysadmin. */
    @WithDefault("/var/run/secrets/mssql-k8s/sa/password")
    String saPasswordFile();

    @WithDefault("3")
    int monitorPolicy();

    @WithDefault("30")
    int connectionTimeoutSeconds();

    @WithDefault("10")
    int queryTimeoutSeconds();

    @WithDefault("180")
    int transientDbHealthTimeoutSeconds();

    /** No diagnostics result for this long is "unresponsive"; results are asked for every third of it (≥ 5 s). */
    @WithDefault("30")
    int healthCheckTimeoutSeconds();

    /** After the agent starts, failures count as "starting" for this long. */
    @WithDefault("60")
    int startupGraceSeconds();

    /** How often the database states are read, on a connection of their own. */
    @WithDefault("5")
    int databaseCheckIntervalSeconds();
}
