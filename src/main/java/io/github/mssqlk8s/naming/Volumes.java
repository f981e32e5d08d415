package io.github.mssqlk8s.naming;

/** Volume names and mount paths in the SQL Server pod. */
public final class Volumes {

    /** SQL Server's data, log and configuration. */
    public static final String INSTANCE_ROOT = "mssql";
    public static final String INSTANCE_ROOT_PATH = "/var/opt/mssql";

    /** The agents' SQL login (username, password), re-read when a login fails. */
    public static final String AGENT_LOGIN = "agent-login";
    public static final String AGENT_LOGIN_PATH = "/var/run/secrets/mssql-k8s/agent-login";

    /**
     * The sa password, only in the AG agent supervisor's container (its children inherit the path): SQL Server
     * lets only sysadmin run CREATE AVAILABILITY GROUP, so the bootstrap runs that one statement as sa. The
     * referenced key of the resource's sa Secret is mounted as the file {@link #SA_PASSWORD_FILE}.
     */
    public static final String SA_PASSWORD = "sa-password";
    public static final String SA_PASSWORD_PATH = "/var/run/secrets/mssql-k8s/sa";
    public static final String SA_PASSWORD_FILE = "password";

    /**
     * The agents' API credentials (token, CA, namespace), projected into the agent containers only, where the
     * Kubernetes client looks for them; the pod mounts no token for SQL Server.
     */
    public static final String API_ACCESS = "kube-api-access";
    public static final String API_ACCESS_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

    /** Keys of the agent-login Secret. */
    public static final String USERNAME_KEY = "username";
    public static final String PASSWORD_KEY = "password";
    /** Key of the generated master key Secret. */
    public static final String MASTER_KEY_PASSWORD_KEY = "masterkeypassword";

    private Volumes() {
    }
}
