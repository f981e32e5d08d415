package io.github.mssqlk8s.resources;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.github.mssqlk8s.api.PodOverrides;
import io.github.mssqlk8s.api.SecretKeyRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.api.SqlServerSpec;
import io.github.mssqlk8s.api.VolumeClaimTemplate;
import io.github.mssqlk8s.naming.Mode;
import io.github.mssqlk8s.config.LeaseSettings;
import io.github.mssqlk8s.naming.EnvironmentVariables;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.naming.Ports;
import io.github.mssqlk8s.naming.Volumes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The StatefulSet of one instance: SQL Server, the health agent and the AG agent supervisor in one pod. */
public final class InstanceStatefulSet {

    static final String SQL_CONTAINER = "mssql-server";
    static final String HEALTH_AGENT_CONTAINER = "health-agent";
    static final String SUPERVISOR_CONTAINER = "ag-agent-supervisor";
    /** The mssql user of SQL Server's Linux images; the data volume must be writable by it. */
    private static final long MSSQL_GROUP_ID = 10001L;
    /**
     * The same user, by number: SQL Server's images name their user ({@code USER mssql}), and the kubelet can only
     * enforce runAsNonRoot for a numeric one.
     */
    private static final long MSSQL_USER_ID = 10001L;
    /** Recovery of large databases can take long: the startup probe allows 20 minutes. */
    private static final int STARTUP_PROBE_FAILURES = 120;
    private static final int PROBE_PERIOD_SECONDS = 10;
    private static final long TERMINATION_GRACE_SECONDS = 60L;
    /** The kubelet's default for its own projected token (it refreshes the file well before expiry). */
    private static final long API_TOKEN_SECONDS = 3607L;
    /**
     * The supervisor runs one ag-agent JVM per AG in its own container. The limit cannot follow the AG list (a
     * changed pod template would restart SQL Server), so it leaves room for several children.
     */
    private static final String SUPERVISOR_MEMORY_LIMIT = "1Gi";

    private InstanceStatefulSet() {
    }

    public static StatefulSet desired(SqlServer sqlServer, LeaseSettings lease) {
        Map<String, String> selector = Map.of(Labels.SQL_SERVER, Names.instance(sqlServer), Labels.MANAGED_BY, Labels.MANAGED_BY_US);
        StatefulSetBuilder builder = new StatefulSetBuilder()
                .withMetadata(Ownership.metadata(sqlServer, Names.statefulSet(sqlServer), Components.DATABASE))
                .editMetadata().addToAnnotations(AcceptedSpec.ANNOTATION, AcceptedSpec.of(sqlServer.getSpec())).endMetadata()
                .withNewSpec()
                .withReplicas(1)
                // OnDelete: the operator's rollout, not the StatefulSet controller, chooses when SQL Server restarts
                // on a new template (contract §1: secondaries first, one switchover, the primary last).
                .withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy()
                .withServiceName(Names.headlessService(sqlServer))
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(podLabels(sqlServer))
                .withAnnotations(overrides(sqlServer).getAnnotations())
                .endMetadata()
                .withSpec(podSpec(sqlServer, lease))
                .endTemplate()
                .endSpec();
        VolumeClaimTemplate claim = sqlServer.getSpec().getInstanceRootVolumeClaimTemplate();
        if (claim != null) {
            builder.editSpec().withVolumeClaimTemplates(volumeClaim(claim)).endSpec();
        }
        return builder.build();
    }

    /**
     * The pod overrides' labels (frozen with the spec), the preview's {@code type}/{@code name} pair, and ours. The
     * resource's own labels are not here: any label edit would change the template and restart SQL Server; the
     * operator copies them onto the running pod instead ({@link InstancePodLabels}).
     */
    static Map<String, String> podLabels(SqlServer sqlServer) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.putAll(overrides(sqlServer).getLabels());
        labels.put(Labels.TYPE, Labels.TYPE_SQL_SERVER);
        labels.put(Labels.NAME, Names.instance(sqlServer));
        labels.putAll(Ownership.managedLabels(sqlServer, Components.DATABASE));
        return labels;
    }

    private static PodOverrides overrides(SqlServer sqlServer) {
        PodOverrides overrides = sqlServer.getSpec().getSqlServerPod();
        return overrides == null ? new PodOverrides() : overrides;
    }

    private static PodSpec podSpec(SqlServer sqlServer, LeaseSettings lease) {
        PodOverrides overrides = overrides(sqlServer);
        List<EnvVar> agentEnv = AgentEnvironment.of(sqlServer, lease);
        return new PodSpecBuilder()
                .withServiceAccountName(Names.agents(sqlServer))
                // The agents' token goes to the agent containers alone (API_ACCESS), not to mssql-server.
                .withAutomountServiceAccountToken(false)
                .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
                // Pod Security "restricted": non-root, RuntimeDefault seccomp here; no escalation, no capabilities per container.
                .withNewSecurityContext().withFsGroup(MSSQL_GROUP_ID).withRunAsNonRoot(true)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .withContainers(sqlContainer(sqlServer), healthAgent(sqlServer, agentEnv), supervisor(sqlServer, agentEnv))
                .withVolumes(volumes(sqlServer))
                .withAffinity(overrides.getAffinity() != null ? overrides.getAffinity() : spreadOverNodes())
                .withTolerations(overrides.getTolerations())
                .withNodeSelector(overrides.getNodeSelector())
                .withImagePullSecrets(overrides.getImagePullSecrets())
                .build();
    }

    private static Container sqlContainer(SqlServer sqlServer) {
        SqlServerSpec spec = sqlServer.getSpec();
        List<EnvVar> env = new ArrayList<>(spec.getSqlServerContainer().getEnv());
        env.add(AgentEnvironment.value(EnvironmentVariables.ACCEPT_EULA, Boolean.TRUE.equals(spec.getAcceptEula()) ? "Y" : "N"));
        env.add(AgentEnvironment.value(EnvironmentVariables.MSSQL_PID, spec.effectivePid()));
        env.add(AgentEnvironment.fromSecret(EnvironmentVariables.MSSQL_SA_PASSWORD,
                spec.getSaPassword().getSecretKeyRef().getName(), spec.getSaPassword().getSecretKeyRef().getKey()));
        env.add(AgentEnvironment.value(EnvironmentVariables.MSSQL_ENABLE_HADR, "1"));
        List<VolumeMount> mounts = new ArrayList<>(spec.getSqlServerContainer().getVolumeMounts());
        mounts.add(new VolumeMountBuilder().withName(Volumes.INSTANCE_ROOT).withMountPath(Volumes.INSTANCE_ROOT_PATH).build());
        ResourceRequirements resources = spec.getSqlServerContainer().getResources() != null
                ? spec.getSqlServerContainer().getResources()
                : overrides(sqlServer).getResources();
        return new ContainerBuilder()
                .withName(SQL_CONTAINER)
                .withImage(spec.getSqlServerContainer().getImage())
                .withEnv(env)
                .withPorts(
                        new ContainerPortBuilder().withName("sql").withContainerPort(Ports.SQL).build(),
                        new ContainerPortBuilder().withName("hadr").withContainerPort(Ports.HADR_ENDPOINT).build())
                .withVolumeMounts(mounts)
                .withResources(resources)
                .withSecurityContext(PodSecurity.restrictedContainer(MSSQL_USER_ID))
                // The health agent beside it judges SQL Server by the monitor policy and answers these.
                .withStartupProbe(healthProbe("/q/health/started", STARTUP_PROBE_FAILURES))
                .withLivenessProbe(healthProbe("/q/health/live", 3))
                .withReadinessProbe(healthProbe("/q/health/ready", 1))
                .build();
    }

    private static Probe healthProbe(String path, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withNewPort(Ports.HEALTH_AGENT).endHttpGet()
                .withPeriodSeconds(PROBE_PERIOD_SECONDS)
                .withTimeoutSeconds(5)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    private static Container healthAgent(SqlServer sqlServer, List<EnvVar> env) {
        return agentContainer(sqlServer, HEALTH_AGENT_CONTAINER, Mode.HEALTH_AGENT, "health", Ports.HEALTH_AGENT, env, "256Mi");
    }

    /**
     * Also mounts the sa password, read-only and here alone: the ag-agents it starts (inheriting the path) run
     * CREATE AVAILABILITY GROUP as sa, which SQL Server allows only to sysadmin.
     */
    private static Container supervisor(SqlServer sqlServer, List<EnvVar> env) {
        List<EnvVar> supervisorEnv = new ArrayList<>(env);
        supervisorEnv.add(AgentEnvironment.value(EnvironmentVariables.QUARKUS_HTTP_PORT, Ports.AG_AGENT_SUPERVISOR));
        supervisorEnv.add(AgentEnvironment.value(EnvironmentVariables.SA_PASSWORD_FILE,
                Volumes.SA_PASSWORD_PATH + "/" + Volumes.SA_PASSWORD_FILE));
        Container container = agentContainer(sqlServer, SUPERVISOR_CONTAINER, Mode.AG_AGENT_SUPERVISOR, "supervisor",
                Ports.AG_AGENT_SUPERVISOR, supervisorEnv, SUPERVISOR_MEMORY_LIMIT);
        return new ContainerBuilder(container).addToVolumeMounts(new VolumeMountBuilder().withName(Volumes.SA_PASSWORD)
                .withMountPath(Volumes.SA_PASSWORD_PATH).withReadOnly(true).build()).build();
    }

    /** {@code portName}: a container port name has at most 15 characters. */
    private static Container agentContainer(SqlServer sqlServer, String name, Mode mode, String portName, int port,
            List<EnvVar> env, String memoryLimit) {
        List<EnvVar> agentEnv = new ArrayList<>(env);
        agentEnv.add(AgentEnvironment.value(EnvironmentVariables.JAVA_OPTS, SidecarJvm.OPTIONS));
        return new ContainerBuilder()
                .withName(name)
                .withImage(sqlServer.getSpec().getAgentsContainerImage())
                .withArgs(mode.modeName())
                .withEnv(agentEnv)
                .withPorts(new ContainerPortBuilder().withName(portName).withContainerPort(port).build())
                .withSecurityContext(PodSecurity.restrictedContainer(PodSecurity.AGENTS_USER_ID))
                .withVolumeMounts(
                        new VolumeMountBuilder().withName(Volumes.AGENT_LOGIN).withMountPath(Volumes.AGENT_LOGIN_PATH)
                                .withReadOnly(true).build(),
                        new VolumeMountBuilder().withName(Volumes.API_ACCESS).withMountPath(Volumes.API_ACCESS_PATH)
                                .withReadOnly(true).build())
                .withResources(new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("20m"))
                        .addToRequests("memory", new Quantity("128Mi"))
                        .addToLimits("memory", new Quantity(memoryLimit))
                        .build())
                // The agent's own liveness: its HTTP server answers (its health endpoints speak for SQL Server).
                .withLivenessProbe(new ProbeBuilder().withNewTcpSocket().withNewPort(port).endTcpSocket()
                        .withPeriodSeconds(PROBE_PERIOD_SECONDS).withFailureThreshold(3).build())
                .build();
    }

    private static List<Volume> volumes(SqlServer sqlServer) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName(Volumes.AGENT_LOGIN)
                .withNewSecret().withSecretName(Names.agentLoginSecret(sqlServer)).endSecret().build());
        SecretKeyRef sa = sqlServer.getSpec().getSaPassword().getSecretKeyRef();
        volumes.add(new VolumeBuilder().withName(Volumes.SA_PASSWORD)
                .withNewSecret().withSecretName(sa.getName())
                .addNewItem().withKey(sa.getKey()).withPath(Volumes.SA_PASSWORD_FILE).endItem()
                .endSecret().build());
        volumes.add(apiAccess());
        Volume userVolume = sqlServer.getSpec().getInstanceRootVolume();
        if (userVolume != null) {
            volumes.add(new VolumeBuilder(userVolume).withName(Volumes.INSTANCE_ROOT).build());
        }
        return volumes;
    }

    /** What the kubelet would mount with automountServiceAccountToken (a bound, expiring, refreshed token). */
    private static Volume apiAccess() {
        return new VolumeBuilder().withName(Volumes.API_ACCESS).withNewProjected()
                .addNewSource().withNewServiceAccountToken().withPath("token").withExpirationSeconds(API_TOKEN_SECONDS)
                .endServiceAccountToken().endSource()
                .addNewSource().withNewConfigMap().withName("kube-root-ca.crt").addNewItem().withKey("ca.crt").withPath("ca.crt")
                .endItem().endConfigMap().endSource()
                .addNewSource().withNewDownwardAPI().addNewItem().withPath("namespace").withNewFieldRef()
                .withFieldPath("metadata.namespace").endFieldRef().endItem().endDownwardAPI().endSource()
                .endProjected().build();
    }

    private static PersistentVolumeClaim volumeClaim(VolumeClaimTemplate template) {
        String storageClass = template.getStorageClassName() != null ? template.getStorageClassName() : template.getStorageClass();
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(Volumes.INSTANCE_ROOT).endMetadata()
                .withNewSpec()
                .withAccessModes(template.getAccessModes().isEmpty() ? List.of("ReadWriteOnce") : template.getAccessModes())
                .withResources(template.getResources())
                .withStorageClassName(storageClass)
                .withSelector(template.getSelector())
                .endSpec()
                .build();
    }

    /** Soft anti-affinity: prefer one SQL Server pod of ours per node, so AG members land apart. */
    private static Affinity spreadOverNodes() {
        return new AffinityBuilder().withNewPodAntiAffinity()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(100)
                .withNewPodAffinityTerm()
                .withTopologyKey("kubernetes.io/hostname")
                .withNewLabelSelector()
                .addToMatchLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_US)
                .addToMatchLabels(Labels.TYPE, Labels.TYPE_SQL_SERVER)
                .endLabelSelector()
                .endPodAffinityTerm()
                .endPreferredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity()
                .build();
    }
}
