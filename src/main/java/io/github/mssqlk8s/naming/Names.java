package io.github.mssqlk8s.naming;

import io.github.mssqlk8s.api.SqlServer;

/**
 * Names of the objects made for a SqlServer and for an availability group. Instance names must leave the
 * names users wrote for the preview free: {@code <name>} (their instance Service) and {@code <ag>-primary},
 * {@code <ag>-secondary*} (their routing Services).
 */
public final class Names {

    /** SQL Server takes the host name as its server name, and a NetBIOS-style name has at most 15 characters. */
    public static final int MAX_HOST_NAME_LENGTH = 15;
    /** The host name is {@code <name>-0}. */
    public static final int MAX_INSTANCE_NAME_LENGTH = MAX_HOST_NAME_LENGTH - 2;

    private Names() {
    }

    public static String instance(SqlServer sqlServer) {
        return sqlServer.getMetadata().getName();
    }

    public static String statefulSet(SqlServer sqlServer) {
        return instance(sqlServer);
    }

    /** The only pod of the instance's StatefulSet; also SQL Server's host and server name. */
    public static String pod(SqlServer sqlServer) {
        return pod(instance(sqlServer));
    }

    public static String pod(String instanceName) {
        return instanceName + "-0";
    }

    /** The headless Service that gives the pod its stable DNS name for endpoint URLs. */
    public static String headlessService(SqlServer sqlServer) {
        return headlessService(instance(sqlServer));
    }

    public static String headlessService(String instanceName) {
        return instanceName + "-hadr";
    }

    /** The database mirroring endpoint URL other replicas use to reach this instance. */
    public static String endpointUrl(String instanceName, String namespace) {
        return "TCP://" + endpointHost(instanceName, namespace) + ":" + Ports.HADR_ENDPOINT;
    }

    public static String endpointHost(String instanceName, String namespace) {
        return pod(instanceName) + "." + headlessService(instanceName) + "." + namespace + ".svc";
    }

    /** ServiceAccount, Role and RoleBinding of the pod's agents. */
    public static String agents(SqlServer sqlServer) {
        return instance(sqlServer) + "-agents";
    }

    /** ServiceAccount, Role and RoleBinding of the init-sql Jobs. */
    public static String initSql(SqlServer sqlServer) {
        return instance(sqlServer) + "-init-sql";
    }

    /** The init-sql Job of one generation of the spec: created once, never changed. */
    public static String initSqlJob(SqlServer sqlServer, long generation) {
        return initSql(sqlServer) + "-" + generation;
    }

    /** ServiceAccount, Role and RoleBinding of the rotate-creds Jobs {@code kubectl mssql rotate-creds} creates. */
    public static String rotateCreds(SqlServer sqlServer) {
        return instance(sqlServer) + "-rotate-creds";
    }

    /** The {@code generateName} of a rotate-creds Job: each run is a new Job with a unique name. */
    public static String rotateCredsJobPrefix(SqlServer sqlServer) {
        return rotateCreds(sqlServer) + "-";
    }

    /** The Secret with the agents' SQL login (generated). */
    public static String agentLoginSecret(SqlServer sqlServer) {
        return instance(sqlServer) + "-agent-login";
    }

    /** The Secret with a generated master key password, when the resource names none. */
    public static String generatedMasterKeySecret(SqlServer sqlServer) {
        return instance(sqlServer) + "-master-key";
    }

    /** The Secret holding the mirroring certificate every instance of the namespace's AGs shares. */
    public static String mirroringCertificateSecret() {
        return "mssql-mirroring-certificate";
    }

    /** The database mirroring endpoint every instance has (SQL Server allows one). */
    public static String mirroringEndpoint() {
        return "hadr_endpoint";
    }

    /**
     * The shared mirroring certificate's name in master. Each rotation makes a new one (serial + 1), so old and
     * new can both be installed while endpoints switch.
     */
    public static String mirroringCertificate(long serial) {
        return "mssql_mirroring_cert_" + serial;
    }

    public static String pvcOfInstanceRoot(SqlServer sqlServer) {
        return Volumes.INSTANCE_ROOT + "-" + pod(sqlServer);
    }

    /** The routing Service of an AG's primary, as the preview's users named it. */
    public static String primaryService(String availabilityGroup) {
        return availabilityGroup + "-primary";
    }

    public static String secondaryService(String availabilityGroup) {
        return availabilityGroup + "-secondary";
    }

    /** The AG's ConfigMap: reports, requests and outcomes (the failover Job's Role names it). */
    public static String availabilityGroupConfigMap(String availabilityGroup) {
        return availabilityGroup;
    }

    /** The Lease that elects the AG's leader. */
    public static String availabilityGroupLease(String availabilityGroup) {
        return availabilityGroup + "-leader";
    }

    /** ServiceAccount, Role and RoleBinding of an AG's manual failover Jobs (as in the preview's example). */
    public static String failoverJob(String availabilityGroup) {
        return availabilityGroup + "-failover";
    }

    /**
     * The per-AG PodDisruptionBudget of earlier versions; an instance in two AGs was selected by two budgets, which
     * the eviction API refuses (500). The operator deletes these where it finds them.
     */
    public static String legacyAvailabilityGroupDisruptionBudget(String availabilityGroup) {
        return availabilityGroup + "-members";
    }

    /** The one PodDisruptionBudget of the namespace over every AG member's pod: a drain takes one at a time. */
    public static String availabilityGroupMembersDisruptionBudget() {
        return "mssql-ag-members";
    }
}
