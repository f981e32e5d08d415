package io.github.mssqlk8s.naming;

/** Volume names and mount paths in the SQL Server pod. */
public final class Volumes {

    /** SQL Server's data, log and configuration. */
    public static final String INSTANCE_ROOT = "mssql";
    public static final String INSTANCE_ROOT_PATH = "/var/opt/mssql";

    /** The agents' SQL login (username, password), re-read when a login fails. */
    public static final String AGENT_LOGIN = "agent-login";
    public static final String AGENT_LOGIN_PATH = "/var/run/secrets/mssql-k8s/agent-login";

    /** Keys of the agent-login Secret. */
    public static final String USERNAME_KEY = "username";
    public static final String PASSWORD_KEY = "password";
    /** Key of the generated master key Secret. */
    public static final String MASTER_KEY_PASSWORD_KEY = "masterkeypassword";

    private Volumes() {
    }
}
