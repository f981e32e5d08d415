package io.github.mssqlk8s.naming;

/**
 * Environment variables the operator sets for the agents and Jobs it deploys. The {@code MSSQL_K8S_*} names
 * of contract §3 map onto the {@code mssql.k8s.*} configuration properties.
 */
public final class EnvironmentVariables {

    public static final String NAMESPACE = "MSSQL_K8S_NAMESPACE";
    public static final String POD_NAME = "MSSQL_K8S_POD_NAME";
    public static final String SQL_SERVER_NAME = "MSSQL_K8S_SQL_SERVER_NAME";
    /** The one AG an {@code ag-agent} serves; its supervisor sets it for each child. */
    public static final String AVAILABILITY_GROUP = "MSSQL_K8S_AVAILABILITY_GROUP";
    /** The failover Job's variables (contract §3). */
    public static final String AG_NAME = "MSSQL_K8S_AG_NAME";
    public static final String NEW_PRIMARY = "MSSQL_K8S_NEW_PRIMARY";
    public static final String FORCE_FAILOVER_ALLOW_DATA_LOSS = "FORCE_FAILOVER_ALLOW_DATA_LOSS";
    /** Host name of the instance for connections from outside its pod (the init-sql Job). */
    public static final String SQL_HOST = "MSSQL_K8S_SQL_HOST";
    public static final String MONITOR_POLICY = "MSSQL_K8S_MONITOR_POLICY";
    public static final String CONNECTION_TIMEOUT_SECONDS = "MSSQL_K8S_CONNECTION_TIMEOUT_SECONDS";
    public static final String QUERY_TIMEOUT_SECONDS = "MSSQL_K8S_QUERY_TIMEOUT_SECONDS";
    public static final String JOIN_TIMEOUT_SECONDS = "MSSQL_K8S_JOIN_TIMEOUT_SECONDS";
    public static final String TRANSIENT_DB_HEALTH_TIMEOUT_SECONDS = "MSSQL_K8S_TRANSIENT_DB_HEALTH_TIMEOUT_SECONDS";
    public static final String LEASE_DURATION_SECONDS = "MSSQL_K8S_LEASE_DURATION_SECONDS";
    public static final String RENEW_DEADLINE_SECONDS = "MSSQL_K8S_RENEW_DEADLINE_SECONDS";
    public static final String RETRY_PERIOD_SECONDS = "MSSQL_K8S_RETRY_PERIOD_SECONDS";
    public static final String ACQUIRE_PERIOD_SECONDS = "MSSQL_K8S_ACQUIRE_PERIOD_SECONDS";
    public static final String MONITOR_PERIOD_SECONDS = "MSSQL_K8S_MONITOR_PERIOD_SECONDS";
    public static final String SQL_WRITE_LEASE_PERIOD_SECONDS = "MSSQL_K8S_SQL_WRITE_LEASE_PERIOD_SECONDS";
    /** Directory holding the agents' login ({@code username}, {@code password} files). */
    public static final String AGENT_LOGIN_PATH = "MSSQL_K8S_AGENT_LOGIN_PATH";
    /** The file holding the sa password, for the AG bootstrap only (set on the AG agent supervisor). */
    public static final String SA_PASSWORD_FILE = "MSSQL_K8S_SA_PASSWORD_FILE";
    /** SQL Server's own variables, set on the mssql-server container. */
    public static final String ACCEPT_EULA = "ACCEPT_EULA";
    public static final String MSSQL_PID = "MSSQL_PID";
    public static final String MSSQL_SA_PASSWORD = "MSSQL_SA_PASSWORD";
    public static final String MSSQL_ENABLE_HADR = "MSSQL_ENABLE_HADR";
    /** The init-sql Job's secrets, read from Secret references (never arguments). */
    public static final String SA_PASSWORD = "MSSQL_K8S_SA_PASSWORD";
    public static final String MASTER_KEY_PASSWORD = "MSSQL_K8S_MASTER_KEY_PASSWORD";
    /** The rotate-creds Job's variables (contract §3), with the preview's older names. */
    public static final String STATEFULSET_NAME = "MSSQL_K8S_STATEFULSET_NAME";
    public static final String CURRENT_SA_PASSWORD = "MSSQL_K8S_CURRENT_SA_PASSWORD";
    public static final String NEW_SA_PASSWORD = "MSSQL_K8S_NEW_SA_PASSWORD";
    public static final String ROTATE_CERT = "MSSQL_ROTATE_CERT";
    public static final String QUARKUS_HTTP_PORT = "QUARKUS_HTTP_PORT";
    /** The supervisor sets both for each ag-agent child: its metrics are served on loopback only. */
    public static final String QUARKUS_HTTP_HOST = "QUARKUS_HTTP_HOST";
    /** JVM options, read by the image's launcher ({@code /usr/local/bin/mssql-k8s-agents}). */
    public static final String JAVA_OPTS = "JAVA_OPTS";

    private EnvironmentVariables() {
    }
}
