package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.mssqlk8s.api.PodOverrides;
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
 * Input the CRD schema cannot refuse, on a real kube-apiserver with the packaged operator under its own Role: each
 * case must end as a named condition and one Event on the SqlServer, and then stay quiet — the server refused none
 * of the operator's requests (no 422/409 loop) and the resource's resourceVersion stops moving while the operator
 * keeps rechecking every second or two. The pod the server refuses (review finding B1) reaches the SqlServer's status
 * from the StatefulSet controller's FailedCreate Event (here told by the stand-in controller, as the real one does).
 */
class BadInputApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(180);
    /** Several rechecks at the interval set below: long enough for a retry loop to show. */
    private static final Duration QUIET = Duration.ofSeconds(8);

    @RegisterExtension
    final ApiTestNamespace api = ApiTestNamespace.withLabels(ApiTestNamespace.RESTRICTED);

    @Test
    void badInputEndsAsAConditionAndAnEventWithoutARetryLoop() {
        String ns = api.namespace();
        SqlServer podRefused = TestResources.sqlServer("badpod", ns);
        PodOverrides overrides = new PodOverrides();
        // Valid pod metadata that Pod Security 'restricted' (already 'baseline') refuses: the operator cannot know.
        overrides.setAnnotations(Map.of("container.apparmor.security.beta.kubernetes.io/mssql-server", "unconfined"));
        podRefused.getSpec().setSqlServerPod(overrides);
        List<HasMetadata> resources = List.of(
                TestResources.sqlServer("1mssql", ns),                    // A5: a DNS subdomain, not a DNS-1035 label
                TestResources.sqlServer("mssqlwaytoolong", ns),           // A5: 15 characters, host name mssqlwaytoolong-0
                withOddAvailabilityGroupItem(TestResources.sqlServer("oddag", ns)), // B7: an item the schema lets through
                TestResources.sqlServer("nosecret", ns, "absent-secret"),
                new SecretBuilder().withNewMetadata().withName("foreign-agent-login").endMetadata()
                        .withStringData(Map.of("note", "someone else's")).build(),   // B10
                TestResources.sqlServer("foreign", ns),
                podRefused);                                              // B1
        Map<String, List<String>> expected = Map.of(
                "1mssql", List.of("SpecValid", "False", "InvalidName"),
                "mssqlwaytoolong", List.of("SpecValid", "False", "NameTooLong"),
                "oddag", List.of("SpecValid", "False", "InvalidAvailabilityGroup"),
                "nosecret", List.of("SecretsFound", "False", "SecretNotFound"),
                "foreign", List.of("SpecValid", "False", "GeneratedSecretNameTaken"),
                "badpod", List.of("Ready", "False", "PodCreateFailed"));

        try (OperatorWorld world = OperatorWorld.start(api, resources, Map.of(
                "MSSQL_K8S_OPERATOR_MIN_RECHECK_INTERVAL", "1s", "MSSQL_K8S_OPERATOR_MAX_RECHECK_INTERVAL", "2s"))) {
            KubernetesClient admin = world.admin;
            await("a named condition and an Event on each SqlServer").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> expected.forEach((name, want) -> {
                        world.assertNothingRefused();
                        assertThat(condition(admin, name, want.get(0))).as(name + " " + want.get(0)).isNotNull()
                                .extracting(Condition::getStatus, Condition::getReason).containsExactly(want.get(1), want.get(2));
                        assertThat(eventsAbout(admin, name, want.get(2))).as("Events " + want.get(2) + " on " + name).hasSize(1);
                    }));
            assertThat(events(admin, "StatefulSet", "badpod", "FailedCreate")).as("the controller's FailedCreate").isNotEmpty();
            assertThat(condition(admin, "badpod", "Ready").getMessage()).contains("PodSecurity");
            for (String blocked : List.of("1mssql", "mssqlwaytoolong", "oddag", "nosecret", "foreign")) {
                assertThat(admin.apps().statefulSets().withName(blocked).get()).as("nothing made for " + blocked).isNull();
            }
            assertThat(admin.secrets().withName("foreign-agent-login").get().getStringData()).isNullOrEmpty();
            assertThat(admin.secrets().withName("foreign-agent-login").get().getData()).containsKey("note");

            for (String name : expected.keySet()) {
                AtomicReference<String> last = new AtomicReference<>("");
                await(name + " stops changing").atMost(PATIENCE).during(QUIET).pollInterval(Duration.ofMillis(250))
                        .until(() -> last.getAndSet(resourceVersion(admin, name)).equals(last.get()));
                assertThat(eventsAbout(admin, name, expected.get(name).get(2))).as("still one Event on " + name).hasSize(1);
            }
            world.assertNothingRefused();
        }
    }

    private static GenericKubernetesResource withOddAvailabilityGroupItem(SqlServer sqlServer) {
        GenericKubernetesResource generic = new KubernetesSerialization().convertValue(sqlServer, GenericKubernetesResource.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) generic.getAdditionalProperties().get("spec");
        spec.put("availabilityGroups", List.of(42));
        return generic;
    }

    private static String resourceVersion(KubernetesClient admin, String name) {
        return admin.resources(SqlServer.class).withName(name).get().getMetadata().getResourceVersion();
    }

    private static Condition condition(KubernetesClient admin, String name, String type) {
        SqlServer current = admin.resources(SqlServer.class).withName(name).get();
        return current.getStatus() == null ? null : current.getStatus().getConditions().stream()
                .filter(condition -> type.equals(condition.getType())).findFirst().orElse(null);
    }

    private static List<Event> eventsAbout(KubernetesClient admin, String name, String reason) {
        return events(admin, "SqlServer", name, reason);
    }

    private static List<Event> events(KubernetesClient admin, String kind, String name, String reason) {
        return admin.v1().events().list().getItems().stream()
                .filter(event -> kind.equals(event.getInvolvedObject().getKind()) && name.equals(event.getInvolvedObject().getName())
                        && reason.equals(event.getReason()))
                .toList();
    }
}
