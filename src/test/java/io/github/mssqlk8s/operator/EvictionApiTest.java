package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.testing.TestResources;
import io.github.mssqlk8s.testing.apiserver.ApiTestNamespace;
import io.github.mssqlk8s.testing.apiserver.OperatorWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node drain evicts each pod through the Eviction API; it waits and retries on 429 (a budget says not now) but gives
 * up on anything else. So for a member of one AG, and for an instance in two AGs, the answer must be 201 or 429.
 */
class EvictionApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @RegisterExtension
    final ApiTestNamespace api = ApiTestNamespace.create();

    @Test
    void evictingAMemberPodIsAllowedOrDeferredNeverAnError() {
        try (OperatorWorld world = OperatorWorld.start(api, List.of(
                TestResources.sqlServer("mssql1", api.namespace(), AvailabilityGroupRef.named("ag1"), AvailabilityGroupRef.named("ag2")),
                TestResources.sqlServer("mssql2", api.namespace(), AvailabilityGroupRef.named("ag1"))))) {
            KubernetesClient admin = world.admin;
            await("both pods, and the AGs' disruption budgets").atMost(PATIENCE).untilAsserted(() -> {
                world.assertNothingRefused();
                assertThat(world.controllers.created()).containsKeys("mssql1-0", "mssql2-0");
                assertThat(admin.policy().v1().podDisruptionBudget().list().getItems()).isNotEmpty();
            });
            runAsTheAgentsWould(admin, "mssql1-0", Map.of(Labels.role("ag1"), "primary", Labels.role("ag2"), "primary"));
            runAsTheAgentsWould(admin, "mssql2-0", Map.of(Labels.role("ag1"), "secondary"));

            assertThat(evict(admin, "mssql2-0")).as("eviction of a member of one AG").isIn(201, 429);

            // review finding A4: with one budget per AG this answered 500 (more than one PodDisruptionBudget)
            assertThat(evict(admin, "mssql1-0")).as("eviction of the pod of an instance in two AGs").isIn(201, 429);
        }
    }

    /** Labels as the agents keep them, and Running/Ready as a kubelet reports (a Pending pod would skip the budgets). */
    private static void runAsTheAgentsWould(KubernetesClient admin, String pod, Map<String, String> roleLabels) {
        // The operator patches the same pod's labels meanwhile: retry a conflict (409) as a controller would.
        retryOnConflict(() -> admin.pods().withName(pod)
                .edit(current -> new PodBuilder(current).editMetadata().addToLabels(roleLabels).endMetadata().build()));
        retryOnConflict(() -> admin.pods().withName(pod).editStatus(current -> new PodBuilder(current).editOrNewStatus()
                .withPhase("Running").withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build())
                .endStatus().build()));
    }

    private static void retryOnConflict(Runnable edit) {
        await("an edit without a conflict").atMost(PATIENCE)
                .ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 409)
                .until(() -> {
                    edit.run();
                    return true;
                });
    }

    private static int evict(KubernetesClient admin, String pod) {
        try {
            return admin.pods().withName(pod).evict() ? 201 : 429;
        } catch (KubernetesClientException refused) {
            return refused.getCode();
        }
    }
}
