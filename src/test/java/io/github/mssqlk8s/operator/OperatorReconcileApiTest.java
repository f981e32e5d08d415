package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.testing.apiserver.ApiTestNamespace;
import io.github.mssqlk8s.testing.apiserver.GeneratedManifests;
import io.github.mssqlk8s.testing.apiserver.OperatorWorld;
import io.github.mssqlk8s.testing.apiserver.WorkloadControllerStandIn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged operator, installed from target/kubernetes/kubernetes.yml and running as that manifest's ServiceAccount
 * (so with exactly its Role), reconciles examples/ag1-three-replicas.yaml on a real kube-apiserver in a namespace that
 * enforces Pod Security "restricted". Every object it makes must be accepted, and the pods a StatefulSet and Job
 * controller would make from its templates must be admitted.
 */
class OperatorReconcileApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @RegisterExtension
    final ApiTestNamespace api = ApiTestNamespace.withLabels(ApiTestNamespace.RESTRICTED);

    @Test
    void theOperatorUnderItsOwnRoleReconcilesAThreeReplicaAg() {
        List<HasMetadata> example = GeneratedManifests.load(Path.of("examples/ag1-three-replicas.yaml"));
        try (OperatorWorld world = OperatorWorld.start(api, example)) {
            KubernetesClient admin = world.admin;
            WorkloadControllerStandIn controllers = world.controllers;
            await("every object of three SqlServers in ag1").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        world.assertNothingRefused();
                        for (String name : List.of("mssql1", "mssql2", "mssql3")) {
                            assertThat(admin.apps().statefulSets().withName(name).get()).as("StatefulSet " + name).isNotNull();
                            assertThat(admin.services().withName(name + "-hadr").get()).as(name + "-hadr").isNotNull();
                            assertThat(admin.secrets().withName(name + "-agent-login").get()).as(name + "-agent-login").isNotNull();
                            for (String identity : List.of(name + "-agents", name + "-init-sql")) {
                                assertThat(admin.serviceAccounts().withName(identity).get()).as("ServiceAccount " + identity).isNotNull();
                                assertThat(admin.rbac().roles().withName(identity).get()).as("Role " + identity).isNotNull();
                                assertThat(admin.rbac().roleBindings().withName(identity).get()).as("RoleBinding " + identity).isNotNull();
                            }
                            assertThat(admin.batch().v1().jobs().withName(name + "-init-sql-1").get()).as("init-sql Job of " + name).isNotNull();
                        }
                        assertThat(admin.services().withName("ag1-primary").get()).as("ag1-primary").isNotNull();
                        assertThat(admin.services().withName("ag1-secondary").get()).as("ag1-secondary").isNotNull();
                        // A4: one budget for the namespace's AG members, so no pod is under two budgets.
                        assertThat(admin.policy().v1().podDisruptionBudget().withName("mssql-ag-members").get())
                                .as("PDB mssql-ag-members").isNotNull();
                    });

            await("the stand-in controllers made or were refused every pod").atMost(PATIENCE)
                    .until(() -> controllers.created().size() + controllers.refusals().size() >= 6);
            world.assertNothingRefused();
            Map<String, String> refusals = controllers.refusals();
            assertThat(refusals).as("review finding B6: the pods of the operator's templates are admitted under Pod Security"
                    + " 'restricted'").isEmpty();
            assertThat(controllers.created()).containsKeys("mssql1-0", "mssql2-0", "mssql3-0");
            // B2/A4: the operator puts the AG membership on the running pods (not in the template) for the budget.
            await("AG members labelled").atMost(PATIENCE).untilAsserted(() -> assertThat(admin.pods().withName("mssql1-0").get()
                    .getMetadata().getLabels()).containsEntry("mssql.microsoft.com/availability-group-member", "true"));
        }
    }

    /** The single instance of examples/: every object accepted, the pod admitted, no budget, no AG routing Service. */
    @Test
    void theOperatorReconcilesASingleInstanceWithoutAgObjects() {
        List<HasMetadata> example = GeneratedManifests.load(Path.of("examples/single-instance.yaml"));
        try (OperatorWorld world = OperatorWorld.start(api, example)) {
            KubernetesClient admin = world.admin;
            await("mssql-single reconciled").atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                world.assertNothingRefused();
                SqlServer resource = admin.resources(SqlServer.class).withName("mssql-single").get();
                assertThat(resource.getStatus()).isNotNull();
                assertThat(Conditions.find(resource.getStatus().getConditions(), Conditions.RECONCILED))
                        .hasValueSatisfying(condition -> assertThat(condition.getStatus()).isEqualTo(Conditions.TRUE));
                assertThat(admin.batch().v1().jobs().withName("mssql-single-init-sql-1").get()).isNotNull();
            });
            await("the pod made from its template").atMost(PATIENCE)
                    .until(() -> world.controllers.created().containsKey("mssql-single-0"));
            assertThat(world.controllers.refusals()).isEmpty();
            assertThat(admin.policy().v1().podDisruptionBudget().list().getItems()).as("no budget blocks a drain").isEmpty();
            assertThat(admin.services().list().getItems()).extracting(service -> service.getMetadata().getName())
                    .as("no AG routing Services").contains("mssql-single", "mssql-single-hadr")
                    .noneMatch(name -> name.endsWith("-primary") || name.endsWith("-secondary"));
            world.assertNothingRefused();
        }
    }
}
