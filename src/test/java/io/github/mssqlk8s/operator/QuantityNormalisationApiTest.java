package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirementsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.testing.TestResources;
import io.github.mssqlk8s.testing.apiserver.ApiTestNamespace;
import io.github.mssqlk8s.testing.apiserver.OperatorWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Review finding B8: the API server stores quantities in canonical form ({@code 1000m} as {@code 1}, {@code 1024Mi}
 * as {@code 1Gi}). If the operator compared its desired StatefulSet with the stored one literally, every reconcile
 * would write the StatefulSet again, and each write would trigger the next reconcile. On the real server, with the
 * packaged operator (server-side apply, as in production) reconciling every second or two, the StatefulSet's
 * resourceVersion must stay where the first reconcile left it.
 */
class QuantityNormalisationApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(180);
    /** Several reconciles at the recheck interval set below. */
    private static final Duration QUIET = Duration.ofSeconds(10);

    @RegisterExtension
    final ApiTestNamespace api = ApiTestNamespace.create();

    @Test
    void quantitiesWrittenInAnotherFormDoNotMakeTheOperatorRewriteTheStatefulSet() {
        SqlServer sqlServer = TestResources.sqlServer("mssql1", api.namespace());
        sqlServer.getSpec().getSqlServerContainer().setResources(new ResourceRequirementsBuilder()
                .addToRequests(Map.of("cpu", new Quantity("1000m"), "memory", new Quantity("1024Mi")))
                .addToLimits(Map.of("cpu", new Quantity("2.0"), "memory", new Quantity("2048Mi"))).build());
        sqlServer.getSpec().getInstanceRootVolumeClaimTemplate().setResources(new VolumeResourceRequirementsBuilder()
                .addToRequests("storage", new Quantity("5120Mi")).build());

        try (OperatorWorld world = OperatorWorld.start(api, List.of(sqlServer), Map.of(
                "MSSQL_K8S_OPERATOR_MIN_RECHECK_INTERVAL", "1s", "MSSQL_K8S_OPERATOR_MAX_RECHECK_INTERVAL", "2s"))) {
            KubernetesClient admin = world.admin;
            await("the stand-in controller made the pod").atMost(PATIENCE)
                    .until(() -> world.controllers.created().containsKey("mssql1-0"));
            assertThat(admin.apps().statefulSets().withName("mssql1").get().getSpec().getTemplate().getSpec().getContainers()
                    .get(0).getResources().getRequests().get("memory")).as("the server's canonical form").hasToString("1Gi");
            // The stand-in controller does not make a deleted pod again: the operator, seeing no pod, rechecks every 1-2 s
            // and runs its whole workflow each time.
            admin.pods().withName("mssql1-0").delete();
            await("the operator saw the pod gone").atMost(PATIENCE).until(() -> {
                SqlServer current = admin.resources(SqlServer.class).withName("mssql1").get();
                return current.getStatus() != null && current.getStatus().getConditions().stream()
                        .anyMatch(condition -> "Ready".equals(condition.getType()) && "PodMissing".equals(condition.getReason()));
            });
            AtomicReference<String> last = new AtomicReference<>("");
            await("the StatefulSet's resourceVersion settles").atMost(PATIENCE).during(QUIET).pollInterval(Duration.ofMillis(250))
                    .until(() -> last.getAndSet(admin.apps().statefulSets().withName("mssql1").get().getMetadata()
                            .getResourceVersion()).equals(last.get()));
            world.assertNothingRefused();
        }
    }
}
