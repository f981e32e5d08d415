package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.AvailabilityGroupStatus;
import io.github.mssqlk8s.api.AvailabilityMode;
import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.kube.PodLabels;
import io.github.mssqlk8s.kube.SqlServerStatusWriter;
import io.github.mssqlk8s.testing.TestResources;
import io.github.mssqlk8s.testing.apiserver.ApiTestNamespace;
import io.github.mssqlk8s.testing.apiserver.OperatorWorld;
import io.github.mssqlk8s.testing.apiserver.WorkloadControllerStandIn;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server-side apply as production runs it (the packaged operator, its own ServiceAccount): what other field managers
 * write into the operator's objects survives the operator's next write.
 */
class ServerSideApplyApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    @RegisterExtension
    final ApiTestNamespace api = ApiTestNamespace.create();

    private OperatorWorld world;
    private KubernetesClient admin;
    private WorkloadControllerStandIn controllers;

    @BeforeEach
    void runTheOperatorOnOneInstance() {
        world = OperatorWorld.start(api, List.of(
                TestResources.sqlServer("mssql1", api.namespace(), AvailabilityGroupRef.named("ag1"))));
        admin = world.admin;
        controllers = world.controllers;
        await("the operator's StatefulSet").atMost(PATIENCE).until(() -> admin.apps().statefulSets().withName("mssql1").get() != null);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    /**
     * kubectl rollout restart annotates the pod template; when the operator next writes the StatefulSet (here: it
     * corrects replicas someone changed), the annotation must stay, or SQL Server restarts a second time (finding B8).
     */
    @Test
    void aRolloutRestartAnnotationSurvivesTheOperatorsNextWrite() {
        admin.apps().statefulSets().withName("mssql1").patch(
                new PatchContext.Builder().withPatchType(PatchType.STRATEGIC_MERGE).withFieldManager("kubectl-rollout").build(),
                "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"" + RESTARTED_AT + "\":\"2026-12-03T18:00:00Z\"}}}}}");
        admin.apps().statefulSets().withName("mssql1").patch(
                new PatchContext.Builder().withPatchType(PatchType.STRATEGIC_MERGE).withFieldManager("kubectl-scale").build(),
                "{\"spec\":{\"replicas\":2}}");

        await("the operator restored its replicas and kept the user's annotation").atMost(PATIENCE).untilAsserted(() -> {
            StatefulSet set = admin.apps().statefulSets().withName("mssql1").get();
            assertThat(set.getSpec().getReplicas()).as("replicas, as the operator wants them").isEqualTo(1);
            assertThat(set.getSpec().getTemplate().getMetadata().getAnnotations())
                    .as("the pod template's annotations after the operator's write").containsKey(RESTARTED_AT);
        });
    }

    /** The agents (their own ServiceAccount and Role) and the operator both write the status; neither removes the other's part. */
    @Test
    void theAgentsAndTheOperatorKeepEachOthersStatus() {
        await("the operator's first status").atMost(PATIENCE).until(() -> condition(Conditions.RECONCILED).isPresent());
        await("the stand-in StatefulSet controller's pod").atMost(PATIENCE).until(() -> controllers.created().containsKey("mssql1-0"));
        KubernetesClient agents = api.clientAs("mssql1-agents");

        Pod pod = agents.pods().withName("mssql1-0").get();
        new PodLabels(agents, api.namespace(), "ag1").label(pod, "primary", "synchronousCommit");
        assertThat(new SqlServerStatusWriter(agents, api.namespace()).write("mssql1", entry("primary", "Promoted by the test"))).isTrue();

        await("both writers' fields in the status").atMost(PATIENCE).untilAsserted(() -> {
            SqlServer resource = admin.resources(SqlServer.class).withName("mssql1").get();
            assertThat(resource.getStatus().getAvailabilityGroups()).singleElement().satisfies(group -> {
                assertThat(group.getRole()).as("role (from the pod label the operator reads)").isEqualTo("primary");
                assertThat(group.getMessage()).as("the agents' message").isEqualTo("Promoted by the test");
            });
            assertThat(condition(Conditions.RECONCILED)).as("the operator's condition").isPresent();
        });

        assertThat(new SqlServerStatusWriter(agents, api.namespace()).write("mssql1", entry("primary", "Still primary"))).isTrue();
        await("the operator's conditions stay after the agents' second write").atMost(PATIENCE).untilAsserted(() -> {
            SqlServer resource = admin.resources(SqlServer.class).withName("mssql1").get();
            assertThat(resource.getStatus().getAvailabilityGroups()).singleElement()
                    .satisfies(group -> assertThat(group.getMessage()).isEqualTo("Still primary"));
            assertThat(condition(Conditions.RECONCILED)).isPresent();
        });
    }

    private Optional<io.fabric8.kubernetes.api.model.Condition> condition(String type) {
        SqlServer resource = admin.resources(SqlServer.class).withName("mssql1").get();
        return resource == null || resource.getStatus() == null ? Optional.empty()
                : resource.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static AvailabilityGroupStatus entry(String role, String message) {
        AvailabilityGroupStatus entry = new AvailabilityGroupStatus();
        entry.setName("ag1");
        entry.setRole(role);
        entry.setAvailabilityMode(AvailabilityMode.SYNCHRONOUS_COMMIT);
        entry.setMessage(message);
        return entry;
    }
}
