package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.testing.TestResources;
import io.github.mssqlk8s.testing.apiserver.ApiTestNamespace;
import io.github.mssqlk8s.testing.apiserver.OperatorWorld;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The changes the contract allows on a running SqlServer (its AG list, its post-init script, its labels) never make the
 * operator send an update the API server refuses: StatefulSet selector, serviceName and volumeClaimTemplates are
 * immutable, and a Job's template too (a new generation gets a new Job). The operator Deployment's selector across a
 * version change is OperatorDeploymentApiTest's.
 */
class ContractUpdatesApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @RegisterExtension
    final ApiTestNamespace api = ApiTestNamespace.create();

    @Test
    void allowedSpecChangesAreAcceptedUpdates() {
        try (OperatorWorld world = OperatorWorld.start(api, List.of(
                TestResources.sqlServer("mssql1", api.namespace(), AvailabilityGroupRef.named("ag1"))))) {
            awaitReconciled(world, 1L);
            StatefulSet before = world.admin.apps().statefulSets().withName("mssql1").get();

            world.admin.resources(SqlServer.class).withName("mssql1").edit(resource -> {
                resource.getSpec().getAvailabilityGroups().add(AvailabilityGroupRef.named("ag2"));
                resource.getSpec().setSqlPostInitScript("SELECT 1\nGO\nSELECT 2");
                resource.getMetadata().getLabels().put("team", "data");
                return resource;
            });

            awaitReconciled(world, 2L);
            await("the second generation's init-sql Job, a new Job").atMost(PATIENCE)
                    .until(() -> world.admin.batch().v1().jobs().withName("mssql1-init-sql-2").get() != null);
            StatefulSet after = world.admin.apps().statefulSets().withName("mssql1").get();
            assertThat(after.getSpec().getSelector()).isEqualTo(before.getSpec().getSelector());
            assertThat(after.getSpec().getServiceName()).isEqualTo(before.getSpec().getServiceName());
            assertThat(after.getSpec().getVolumeClaimTemplates()).isEqualTo(before.getSpec().getVolumeClaimTemplates());
            world.assertNothingRefused();
        }
    }

    private static void awaitReconciled(OperatorWorld world, long generation) {
        await("Reconciled at generation " + generation).atMost(PATIENCE).untilAsserted(() -> {
            world.assertNothingRefused();
            SqlServer resource = world.admin.resources(SqlServer.class).withName("mssql1").get();
            assertThat(resource.getStatus()).isNotNull();
            assertThat(resource.getStatus().getObservedGeneration()).isEqualTo(generation);
            assertThat(resource.getStatus().getConditions()).anySatisfy(condition -> {
                assertThat(condition.getType()).isEqualTo(Conditions.RECONCILED);
                assertThat(condition.getStatus()).as(condition.getMessage()).isEqualTo(Conditions.TRUE);
            });
        });
    }
}
