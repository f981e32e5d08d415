package io.github.mssqlk8s.resources;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.PodOverrides;
import io.github.mssqlk8s.api.SecretKeyRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.testing.TestLeaseSettings;
import io.github.mssqlk8s.testing.TestResources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The helper every resource test passes its desired objects through: it can fail, and every builder passes it. */
class ApiValidObjectsTest {

    @Test
    void refusesWhatTheServerRefuses() {
        assertThatThrownBy(() -> ApiValidObjects.valid(new ServiceBuilder().withNewMetadata().withName("1ag-primary")
                .endMetadata().withNewSpec().endSpec().build())).hasMessageContaining("name 1ag-primary");
        assertThatThrownBy(() -> ApiValidObjects.valid(new ServiceBuilder().withNewMetadata().withName("ag-primary")
                .addToLabels("mssql.microsoft.com/role", "not ok").endMetadata().withNewSpec().endSpec().build()))
                .hasMessageContaining("label");
        StatefulSet set = InstanceStatefulSet.desired(TestResources.sqlServer("mssql1", "ns1"), TestLeaseSettings.defaults());
        StatefulSet longPortName = new StatefulSetBuilder(set).editSpec().editTemplate().editSpec().editFirstContainer()
                .addNewPort().withName("sql-server-port-name").withContainerPort(1).endPort().endContainer().endSpec().endTemplate()
                .endSpec().build();
        assertThatThrownBy(() -> ApiValidObjects.valid(longPortName)).hasMessageContaining("port name sql-server-port-name");
        StatefulSet absentVolume = new StatefulSetBuilder(set).editSpec().editTemplate().editSpec().editFirstContainer()
                .addNewVolumeMount().withName("nowhere").withMountPath("/nowhere").endVolumeMount().endContainer().endSpec()
                .endTemplate().endSpec().build();
        assertThatThrownBy(() -> ApiValidObjects.valid(absentVolume)).hasMessageContaining("mount of nowhere");
    }

    @Test
    void everyBuilderMakesObjectsTheServerAccepts() {
        for (SqlServer resource : List.of(TestResources.sqlServer("mssql1", "ns1"),
                TestResources.sqlServer("m", "ns1", AvailabilityGroupRef.named("ag1"), AvailabilityGroupRef.named(
                        "a-fifty-three-character-availability-group-name-ok12")),
                withOverrides(TestResources.sqlServer("mssql-13chars", "ns1", AvailabilityGroupRef.named("ag1"))))) {
            assertThatCode(() -> {
                ApiValidObjects.valid(InstanceStatefulSet.desired(resource, TestLeaseSettings.defaults()));
                ApiValidObjects.valid(HeadlessService.desired(resource));
                ApiValidObjects.valid(InitSqlJob.desired(resource));
                ApiValidObjects.valid(RotateCredsJob.desired(resource,
                        new RotateCredsJob.Request(new SecretKeyRef("new-sa", "password"), null, null, true)));
                ApiValidObjects.valid(RotateCredsJob.identity(resource));
                ApiValidObjects.valid(GeneratedSecrets.agentLogin(resource, "x"));
                ApiValidObjects.valid(GeneratedSecrets.masterKey(resource, "x"));
                ApiValidObjects.valid(List.of(AgentRbac.agentsServiceAccount(resource), AgentRbac.agentsRole(resource),
                        AgentRbac.agentsRoleBinding(resource), AgentRbac.initSqlServiceAccount(resource),
                        AgentRbac.initSqlRole(resource), AgentRbac.initSqlRoleBinding(resource)));
                for (AvailabilityGroupRef group : resource.getSpec().getAvailabilityGroups()) {
                    ApiValidObjects.valid(AvailabilityGroupObjects.primaryService(group.getName(), "ns1", List.of(resource)));
                    ApiValidObjects.valid(AvailabilityGroupObjects.secondaryService(group.getName(), "ns1", List.of(resource)));
                    ApiValidObjects.valid(AgentRbac.failoverJobRole(group.getName()));
                    for (String kind : List.of("Lease", "ConfigMap")) {
                        ApiValidObjects.valid(AvailabilityGroupObjects.agentsObjectOwnership(kind, group.getName(), "ns1",
                                List.of(resource)));
                    }
                }
                ApiValidObjects.valid(AvailabilityGroupObjects.membersDisruptionBudget("ns1", List.of(resource)));
            }).as(resource.getMetadata().getName()).doesNotThrowAnyException();
        }
    }

    private static SqlServer withOverrides(SqlServer resource) {
        PodOverrides overrides = new PodOverrides();
        overrides.setLabels(Map.of("team", "db", "example.com/tier", "gold"));
        overrides.setAnnotations(Map.of("example.com/owner", "someone"));
        resource.getSpec().setSqlServerPod(overrides);
        resource.getSpec().setInitSQLPod(overrides);
        return resource;
    }
}
