package io.github.mssqlk8s.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.PodOverrides;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.testing.TestLeaseSettings;
import io.github.mssqlk8s.testing.TestResources;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InstanceStatefulSetTest {

    /**
     * Review finding B8, the half that needs no server: the desired StatefulSet is a pure function of the spec, so
     * every reconcile applies the same object and keeps quantities as the user wrote them; the API server's
     * canonical forms are equal by value (that the apply then changes nothing is QuantityNormalisationApiTest's).
     */
    @Test
    void theDesiredStatefulSetIsTheSameAtEveryReconcileAndKeepsTheUsersQuantities() {
        SqlServer resource = mssql1();
        resource.getSpec().getSqlServerContainer().setResources(new ResourceRequirementsBuilder()
                .addToRequests(Map.of("cpu", new Quantity("1000m"), "memory", new Quantity("1024Mi"))).build());

        StatefulSet first = InstanceStatefulSet.desired(resource, TestLeaseSettings.defaults());
        StatefulSet again = InstanceStatefulSet.desired(resource, TestLeaseSettings.defaults());

        assertThat(again).isEqualTo(first);
        Map<String, Quantity> requests = container(first, "mssql-server").getResources().getRequests();
        assertThat(requests.get("cpu").toString()).isEqualTo("1000m");
        assertThat(requests.get("cpu").getNumericalAmount()).isEqualByComparingTo(new Quantity("1").getNumericalAmount());
        assertThat(requests.get("memory").getNumericalAmount())
                .isEqualByComparingTo(new Quantity("1Gi").getNumericalAmount());
    }

    private static SqlServer mssql1() {
        return TestResources.sqlServer("mssql1", "ns1", AvailabilityGroupRef.named("ag1"));
    }

    private static Container container(StatefulSet statefulSet, String name) {
        return statefulSet.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(container -> name.equals(container.getName())).findFirst().orElseThrow();
    }

    private static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, var -> var));
    }

    @Test
    void theSqlServerContainerGetsWhatSqlServerNeeds() {
        StatefulSet statefulSet = ApiValidObjects.valid(InstanceStatefulSet.desired(mssql1(), TestLeaseSettings.defaults()));
        Container sql = container(statefulSet, "mssql-server");

        assertThat(sql.getImage()).isEqualTo("mcr.microsoft.com/mssql/server:2022-latest");
        assertThat(env(sql).get("ACCEPT_EULA").getValue()).isEqualTo("Y");
        assertThat(env(sql).get("MSSQL_PID").getValue()).isEqualTo("Developer");
        assertThat(env(sql).get("MSSQL_ENABLE_HADR").getValue()).isEqualTo("1");
        assertThat(env(sql).get("MSSQL_SA_PASSWORD").getValue()).as("never a literal").isNull();
        assertThat(env(sql).get("MSSQL_SA_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("sql-secrets");
        assertThat(sql.getPorts()).extracting(port -> port.getContainerPort()).containsExactly(1433, 5022);
        assertThat(sql.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/var/opt/mssql"));
        assertThat(sql.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(sql.getLivenessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(8080);
        assertThat(sql.getStartupProbe().getFailureThreshold() * sql.getStartupProbe().getPeriodSeconds())
                .as("seconds of start-up allowed for recovery").isGreaterThanOrEqualTo(600);
    }

    @Test
    void podsRestartOnANewTemplateOnlyWhenTheOperatorDeletesThem() {
        StatefulSet statefulSet = InstanceStatefulSet.desired(mssql1(), TestLeaseSettings.defaults());

        assertThat(statefulSet.getSpec().getUpdateStrategy().getType()).isEqualTo("OnDelete");
    }

    @Test
    void theAgentsRunTheirModesWithTheResourcesSettings() {
        SqlServer resource = mssql1();
        resource.getSpec().setMonitorPolicy(5);
        resource.getSpec().setConnectionTimeoutSec(7);
        StatefulSet statefulSet = ApiValidObjects.valid(InstanceStatefulSet.desired(resource, TestLeaseSettings.defaults()));

        Container health = container(statefulSet, "health-agent");
        Container supervisor = container(statefulSet, "ag-agent-supervisor");
        assertThat(health.getArgs()).containsExactly("health-agent");
        assertThat(supervisor.getArgs()).containsExactly("ag-agent-supervisor");
        assertThat(health.getImage()).isEqualTo("mssqlk8s/mssql-k8s-agents:test");
        assertThat(env(health).get("MSSQL_K8S_MONITOR_POLICY").getValue()).isEqualTo("5");
        assertThat(env(health).get("MSSQL_K8S_CONNECTION_TIMEOUT_SECONDS").getValue()).isEqualTo("7");
        assertThat(env(health).get("MSSQL_K8S_NAMESPACE").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
        assertThat(env(supervisor).get("MSSQL_K8S_LEASE_DURATION_SECONDS").getValue()).isEqualTo("10");
        assertThat(env(supervisor).get("MSSQL_K8S_SQL_WRITE_LEASE_PERIOD_SECONDS").getValue()).isEqualTo("7");
        assertThat(env(supervisor).get("QUARKUS_HTTP_PORT").getValue()).isEqualTo("8081");
        assertThat(health.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(statefulSet.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("mssql1-agents");
    }

    @Test
    void onlyTheSupervisorGetsTheSaPasswordAsAReadOnlyFileFromTheReferencedKey() {
        SqlServer resource = TestResources.sqlServer("mssql1", "ns1", "own-sa-secret", AvailabilityGroupRef.named("ag1"));
        resource.getSpec().getSaPassword().getSecretKeyRef().setKey("the-sa-key");
        StatefulSet statefulSet = ApiValidObjects.valid(InstanceStatefulSet.desired(resource, TestLeaseSettings.defaults()));
        PodSpec pod = statefulSet.getSpec().getTemplate().getSpec();

        assertThat(pod.getVolumes()).filteredOn(volume -> "sa-password".equals(volume.getName())).singleElement()
                .satisfies(volume -> {
                    assertThat(volume.getSecret().getSecretName()).isEqualTo("own-sa-secret");
                    assertThat(volume.getSecret().getItems()).singleElement().satisfies(item -> {
                        assertThat(item.getKey()).isEqualTo("the-sa-key");
                        assertThat(item.getPath()).isEqualTo("password");
                    });
                });
        Container supervisor = container(statefulSet, "ag-agent-supervisor");
        assertThat(supervisor.getVolumeMounts()).filteredOn(mount -> "sa-password".equals(mount.getName())).singleElement()
                .satisfies(mount -> {
                    assertThat(mount.getMountPath()).isEqualTo("/var/run/secrets/mssql-k8s/sa");
                    assertThat(mount.getReadOnly()).isTrue();
                });
        assertThat(env(supervisor).get("MSSQL_K8S_SA_PASSWORD_FILE").getValue())
                .as("a path the children inherit, never the password").isEqualTo("/var/run/secrets/mssql-k8s/sa/password");
        for (String other : List.of("health-agent", "mssql-server")) {
            assertThat(container(statefulSet, other).getVolumeMounts()).as(other)
                    .noneMatch(mount -> "sa-password".equals(mount.getName()));
            assertThat(env(container(statefulSet, other))).as(other).doesNotContainKey("MSSQL_K8S_SA_PASSWORD_FILE");
        }
        for (Container container : pod.getContainers()) {
            assertThat(container.getArgs()).as(container.getName()).noneMatch(arg -> arg.contains("sa"));
            assertThat(container.getEnv()).as(container.getName() + ": no sa Secret in the agents' environment")
                    .noneMatch(variable -> !"mssql-server".equals(container.getName()) && variable.getValueFrom() != null
                            && variable.getValueFrom().getSecretKeyRef() != null);
        }
    }

    @Test
    void theAgentContainersGetTheSidecarJvmOptionsWhichTheSupervisorsChildrenInherit() {
        StatefulSet statefulSet = ApiValidObjects.valid(InstanceStatefulSet.desired(mssql1(), TestLeaseSettings.defaults()));

        for (String agent : List.of("health-agent", "ag-agent-supervisor")) {
            assertThat(env(container(statefulSet, agent)).get("JAVA_OPTS").getValue()).as(agent)
                    .isEqualTo(SidecarJvm.OPTIONS)
                    .contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                            "-XX:Tier3InvocationThreshold=2000", "-XX:ActiveProcessorCount=2", "-Xss512k", "-Xmx96m",
                            "-Xmn4m", "-XX:MaxHeapFreeRatio=20", "-XX:SharedArchiveFile=/opt/mssql-k8s-agents/app-cds.jsa",
                            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        }
        assertThat(env(container(statefulSet, "mssql-server"))).as("SQL Server is no JVM").doesNotContainKey("JAVA_OPTS");
    }

    @Test
    void podTemplateLabelsAreThePreviewsPairAndOursNotTheResourcesOwn() {
        SqlServer resource = mssql1();
        resource.getMetadata().getLabels().put("helm.sh/chart", "sql-1.0");
        StatefulSet statefulSet = ApiValidObjects.valid(InstanceStatefulSet.desired(resource, TestLeaseSettings.defaults()));

        assertThat(statefulSet.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("type", "sqlservr")
                .containsEntry("name", "mssql1")
                .containsEntry("app.kubernetes.io/managed-by", "mssql-k8s-agents");
        assertThat(statefulSet.getSpec().getTemplate().getMetadata().getLabels())
                .as("the resource's labels go onto the running pod (InstancePodLabels): a label edit must not restart SQL Server")
                .doesNotContainKey("helm.sh/chart");
        assertThat(statefulSet.getSpec().getTemplate().getMetadata().getLabels())
                .as("the AG list must not be in the pod template: changing it would restart SQL Server")
                .doesNotContainKeys("role.ag.mssql.microsoft.com/ag1", "member.ag.mssql.microsoft.com/ag1");
    }

    @Test
    void aClaimTemplateBecomesAVolumeClaimTemplateAndAUserVolumeIsUsedAsIs() {
        StatefulSet fromTemplate = ApiValidObjects.valid(InstanceStatefulSet.desired(mssql1(), TestLeaseSettings.defaults()));
        assertThat(fromTemplate.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim -> {
            assertThat(claim.getMetadata().getName()).isEqualTo("mssql");
            assertThat(claim.getSpec().getResources().getRequests().get("storage")).isEqualTo(new Quantity("5Gi"));
        });

        SqlServer withVolume = mssql1();
        withVolume.getSpec().setInstanceRootVolumeClaimTemplate(null);
        withVolume.getSpec().setInstanceRootVolume(new VolumeBuilder().withNewPersistentVolumeClaim().withClaimName("data")
                .endPersistentVolumeClaim().build());
        StatefulSet fromVolume = ApiValidObjects.valid(InstanceStatefulSet.desired(withVolume, TestLeaseSettings.defaults()));
        assertThat(fromVolume.getSpec().getVolumeClaimTemplates()).isEmpty();
        assertThat(fromVolume.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(volume -> {
                    assertThat(volume.getName()).isEqualTo("mssql");
                    assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo("data");
                });
    }

    @Test
    void podOverridesAreMergedAndReplaceTheDefaultSpread() {
        SqlServer resource = mssql1();
        PodOverrides overrides = new PodOverrides();
        overrides.setNodeSelector(Map.of("disk", "ssd"));
        overrides.setTolerations(List.of(new TolerationBuilder().withKey("dedicated").withValue("sql").build()));
        overrides.setLabels(Map.of("team", "data"));
        overrides.setAnnotations(Map.of("backup", "nightly"));
        overrides.setResources(new ResourceRequirementsBuilder().addToRequests("memory", new Quantity("4Gi")).build());
        resource.getSpec().setSqlServerPod(overrides);

        StatefulSet statefulSet = ApiValidObjects.valid(InstanceStatefulSet.desired(resource, TestLeaseSettings.defaults()));
        PodSpec pod = statefulSet.getSpec().getTemplate().getSpec();

        assertThat(pod.getNodeSelector()).containsEntry("disk", "ssd");
        assertThat(pod.getTolerations()).extracting(toleration -> toleration.getKey()).containsExactly("dedicated");
        assertThat(statefulSet.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("team", "data");
        assertThat(statefulSet.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("backup", "nightly");
        assertThat(container(statefulSet, "mssql-server").getResources().getRequests().get("memory")).isEqualTo(new Quantity("4Gi"));
        assertThat(pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
                .as("the default soft spread over nodes").singleElement()
                .satisfies(term -> assertThat(term.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
    }

    @Test
    void thePodIsAdmittedUnderPodSecurityRestricted() {
        PodSpec pod = ApiValidObjects.valid(InstanceStatefulSet.desired(mssql1(), TestLeaseSettings.defaults())).getSpec().getTemplate().getSpec();

        assertThat(PodSecurityRestricted.violations(pod)).isEmpty();
        assertThat(container(ApiValidObjects.valid(InstanceStatefulSet.desired(mssql1(), TestLeaseSettings.defaults())), "mssql-server")
                .getSecurityContext().getRunAsUser()).as("SQL Server's image names its user; runAsNonRoot needs a number")
                .isEqualTo(10001L);
    }

    @Test
    void onlyTheAgentContainersGetAnApiToken() {
        StatefulSet statefulSet = ApiValidObjects.valid(InstanceStatefulSet.desired(mssql1(), TestLeaseSettings.defaults()));
        PodSpec pod = statefulSet.getSpec().getTemplate().getSpec();

        assertThat(pod.getAutomountServiceAccountToken()).as("no token in every container").isFalse();
        assertThat(pod.getVolumes()).filteredOn(volume -> "kube-api-access".equals(volume.getName())).singleElement()
                .satisfies(volume -> assertThat(volume.getProjected().getSources())
                        .anySatisfy(source -> assertThat(source.getServiceAccountToken().getPath()).isEqualTo("token")));
        for (String agent : List.of("health-agent", "ag-agent-supervisor")) {
            assertThat(container(statefulSet, agent).getVolumeMounts()).as(agent)
                    .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount"));
        }
        assertThat(container(statefulSet, "mssql-server").getVolumeMounts())
                .noneMatch(mount -> mount.getMountPath().startsWith("/var/run/secrets/kubernetes.io"));
    }

    @Test
    void theAcceptedSpecIsRecordedForLaterComparison() {
        StatefulSet statefulSet = ApiValidObjects.valid(InstanceStatefulSet.desired(mssql1(), TestLeaseSettings.defaults()));

        String accepted = statefulSet.getMetadata().getAnnotations().get(AcceptedSpec.ANNOTATION);
        assertThat(AcceptedSpec.changedFields(accepted, mssql1().getSpec())).isEmpty();
    }
}
