package io.github.mssqlk8s.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;

/**
 * The desired instance (contract §1). Defaults are not written into the schema; the code that reads a field
 * applies its default, so a manifest means the same with or without them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Exactly one of the two data-volume fields; a oneOf of "required" lists keeps the schema structural.
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class, input = """
        {"oneOf": [{"required": ["instanceRootVolumeClaimTemplate"]}, {"required": ["instanceRootVolume"]}]}
        """)
public class SqlServerSpec {

    /** MSSQL_PID values SQL Server accepts: an edition name or a 25-character product key. */
    public static final String PID_PATTERN =
            "^(Evaluation|Developer|Express|Web|Standard|Enterprise|EnterpriseCore|[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){4})$";

    @Required
    @ValidationRule(value = "self == true", message = "must be true: SQL Server runs only with its licence accepted")
    @JsonPropertyDescription("Must be true: accepts the SQL Server end-user licence (ACCEPT_EULA=Y).")
    private Boolean acceptEula;

    @Required
    @JsonPropertyDescription("The mssql-server container: image, and optionally env, resources, volumeMounts.")
    private SqlServerContainer sqlServerContainer;

    @Required
    @Pattern("^\\S+$")
    @JsonPropertyDescription("Image of mssql-k8s-agents: operator, agents and Jobs all run it.")
    private String agentsContainerImage;

    @Required
    @JsonPropertyDescription("Secret key holding the initial sa password; change it later with rotate-creds.")
    private SecretReference saPassword;

    @JsonPropertyDescription("Secret key holding the database master key password; generated when absent.")
    private SecretReference masterKeyPassword;

    @JsonPropertyDescription("Template of the PVC holding /var/opt/mssql (one of this or instanceRootVolume).")
    private VolumeClaimTemplate instanceRootVolumeClaimTemplate;

    @JsonPropertyDescription("A volume source for /var/opt/mssql (one of this or instanceRootVolumeClaimTemplate).")
    private Volume instanceRootVolume;

    @Pattern(PID_PATTERN)
    @JsonPropertyDescription("Edition or product key (MSSQL_PID); default Developer.")
    private String pid;

    @Min(0)
    @Max(5)
    @JsonPropertyDescription("Failure condition level 0..5 for health; default 3.")
    private Integer monitorPolicy;

    @JsonPropertyDescription("Overrides for the SQL Server pod template.")
    private PodOverrides sqlServerPod;

    @JsonPropertyDescription("Overrides for the init-sql Job's pod template.")
    private PodOverrides initSQLPod;

    @Min(1)
    @JsonPropertyDescription("Agents' connect timeout in seconds; default 30.")
    private Integer connectionTimeoutSec;

    @Min(1)
    @JsonPropertyDescription("Agents' query timeout in seconds; default 10.")
    private Integer queryCommandTimeoutSec;

    @Min(1)
    @JsonPropertyDescription("Timeout of ALTER AVAILABILITY GROUP ... JOIN in seconds; default 60.")
    private Integer joinCommandTimeoutSec;

    @Min(1)
    @JsonPropertyDescription("How long a primary database may stay in a transient state before it counts as failed; default 180.")
    private Integer transientDBHealthTimeoutSec;

    @JsonPropertyDescription("T-SQL run by init-sql after every create or update; batches separated by GO lines.")
    private String sqlPostInitScript;

    @JsonPropertyDescription("Availability groups this instance is a replica of: a name, or {name, availabilityMode}.")
    private List<AvailabilityGroupRef> availabilityGroups = new ArrayList<>();

    public static final String DEFAULT_PID = "Developer";
    public static final int DEFAULT_MONITOR_POLICY = 3;
    public static final int DEFAULT_CONNECTION_TIMEOUT_SEC = 30;
    public static final int DEFAULT_QUERY_COMMAND_TIMEOUT_SEC = 10;
    public static final int DEFAULT_JOIN_COMMAND_TIMEOUT_SEC = 60;
    public static final int DEFAULT_TRANSIENT_DB_HEALTH_TIMEOUT_SEC = 180;

    public String effectivePid() {
        return pid == null || pid.isBlank() ? DEFAULT_PID : pid;
    }

    public int effectiveMonitorPolicy() {
        return monitorPolicy == null ? DEFAULT_MONITOR_POLICY : monitorPolicy;
    }

    public int effectiveConnectionTimeoutSec() {
        return connectionTimeoutSec == null ? DEFAULT_CONNECTION_TIMEOUT_SEC : connectionTimeoutSec;
    }

    public int effectiveQueryCommandTimeoutSec() {
        return queryCommandTimeoutSec == null ? DEFAULT_QUERY_COMMAND_TIMEOUT_SEC : queryCommandTimeoutSec;
    }

    public int effectiveJoinCommandTimeoutSec() {
        return joinCommandTimeoutSec == null ? DEFAULT_JOIN_COMMAND_TIMEOUT_SEC : joinCommandTimeoutSec;
    }

    public int effectiveTransientDBHealthTimeoutSec() {
        return transientDBHealthTimeoutSec == null ? DEFAULT_TRANSIENT_DB_HEALTH_TIMEOUT_SEC : transientDBHealthTimeoutSec;
    }

    public Boolean getAcceptEula() {
        return acceptEula;
    }

    public void setAcceptEula(Boolean acceptEula) {
        this.acceptEula = acceptEula;
    }

    public SqlServerContainer getSqlServerContainer() {
        return sqlServerContainer;
    }

    public void setSqlServerContainer(SqlServerContainer sqlServerContainer) {
        this.sqlServerContainer = sqlServerContainer;
    }

    public String getAgentsContainerImage() {
        return agentsContainerImage;
    }

    public void setAgentsContainerImage(String agentsContainerImage) {
        this.agentsContainerImage = agentsContainerImage;
    }

    public SecretReference getSaPassword() {
        return saPassword;
    }

    public void setSaPassword(SecretReference saPassword) {
        this.saPassword = saPassword;
    }

    public SecretReference getMasterKeyPassword() {
        return masterKeyPassword;
    }

    public void setMasterKeyPassword(SecretReference masterKeyPassword) {
        this.masterKeyPassword = masterKeyPassword;
    }

    public VolumeClaimTemplate getInstanceRootVolumeClaimTemplate() {
        return instanceRootVolumeClaimTemplate;
    }

    public void setInstanceRootVolumeClaimTemplate(VolumeClaimTemplate instanceRootVolumeClaimTemplate) {
        this.instanceRootVolumeClaimTemplate = instanceRootVolumeClaimTemplate;
    }

    public Volume getInstanceRootVolume() {
        return instanceRootVolume;
    }

    public void setInstanceRootVolume(Volume instanceRootVolume) {
        this.instanceRootVolume = instanceRootVolume;
    }

    public String getPid() {
        return pid;
    }

    public void setPid(String pid) {
        this.pid = pid;
    }

    public Integer getMonitorPolicy() {
        return monitorPolicy;
    }

    public void setMonitorPolicy(Integer monitorPolicy) {
        this.monitorPolicy = monitorPolicy;
    }

    public PodOverrides getSqlServerPod() {
        return sqlServerPod;
    }

    public void setSqlServerPod(PodOverrides sqlServerPod) {
        this.sqlServerPod = sqlServerPod;
    }

    public PodOverrides getInitSQLPod() {
        return initSQLPod;
    }

    public void setInitSQLPod(PodOverrides initSQLPod) {
        this.initSQLPod = initSQLPod;
    }

    public Integer getConnectionTimeoutSec() {
        return connectionTimeoutSec;
    }

    public void setConnectionTimeoutSec(Integer connectionTimeoutSec) {
        this.connectionTimeoutSec = connectionTimeoutSec;
    }

    public Integer getQueryCommandTimeoutSec() {
        return queryCommandTimeoutSec;
    }

    public void setQueryCommandTimeoutSec(Integer queryCommandTimeoutSec) {
        this.queryCommandTimeoutSec = queryCommandTimeoutSec;
    }

    public Integer getJoinCommandTimeoutSec() {
        return joinCommandTimeoutSec;
    }

    public void setJoinCommandTimeoutSec(Integer joinCommandTimeoutSec) {
        this.joinCommandTimeoutSec = joinCommandTimeoutSec;
    }

    public Integer getTransientDBHealthTimeoutSec() {
        return transientDBHealthTimeoutSec;
    }

    public void setTransientDBHealthTimeoutSec(Integer transientDBHealthTimeoutSec) {
        this.transientDBHealthTimeoutSec = transientDBHealthTimeoutSec;
    }

    public String getSqlPostInitScript() {
        return sqlPostInitScript;
    }

    public void setSqlPostInitScript(String sqlPostInitScript) {
        this.sqlPostInitScript = sqlPostInitScript;
    }

    public List<AvailabilityGroupRef> getAvailabilityGroups() {
        return availabilityGroups;
    }

    public void setAvailabilityGroups(List<AvailabilityGroupRef> availabilityGroups) {
        this.availabilityGroups = availabilityGroups == null ? new ArrayList<>() : availabilityGroups;
    }
}
