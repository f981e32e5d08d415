package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.AvailabilityMode;
import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.api.SqlServerSpec;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.testing.FakeClusterControllers;
import io.github.mssqlk8s.testing.MockCluster;
import io.github.mssqlk8s.testing.RbacAudit;
import io.github.mssqlk8s.testing.TestResources;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator on fabric8's mock API server with fake StatefulSet and Job controllers and a fake garbage
 * collector. Each test uses its own resource and AG names, so the tests do not see each other's objects.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class OperatorMockTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final String HARNESS_AGENT = "test-harness";

    /** The operator's client (the application's); the test itself uses {@link #client}, told apart by User-Agent. */
    @Inject
    KubernetesClient operatorClient;

    @Inject
    Operator operator;

    @KubernetesTestServer
    KubernetesServer server;

    private KubernetesClient client;
    private FakeClusterControllers cluster;
    private String namespace;

    @BeforeEach
    void startTheWorld() {
        client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(operatorClient.getConfiguration()).withUserAgent(HARNESS_AGENT).build()).build();
        namespace = client.getNamespace();
        MockCluster.startOperatorOnce(operator, client);
        if (client.secrets().inNamespace(namespace).withName(TestResources.SA_SECRET).get() == null) {
            client.resource(TestResources.saSecret(TestResources.SA_SECRET, namespace)).create();
        }
        cluster = new FakeClusterControllers(client, namespace).start();
    }

    /** Every request the operator made during the test is one its Role in the generated manifests allows. */
    @AfterEach
    void auditTheOperatorsRequests() throws InterruptedException {
        cluster.close();
        client.close();
        List<RbacAudit.ApiRequest> requests = RbacAudit.drain(server, operatorClient.getConfiguration().getUserAgent());
        List<PolicyRule> rules = RbacAudit.operatorRole().getRules();
        assertThat(requests).isNotEmpty();
        assertThat(requests).allSatisfy(request -> assertThat(RbacAudit.allowed(request, rules))
                .as("the operator's Role allows " + request).isTrue());
    }

    @Test
    void aNewResourceGetsEveryObjectAndBecomesReady() {
        client.resource(TestResources.sqlServer("create1", namespace, AvailabilityGroupRef.named("agcreate"))).create();

        awaitCondition("create1", Conditions.READY, condition -> assertThat(condition.getStatus()).isEqualTo(Conditions.TRUE));
        awaitCondition("create1", Conditions.INIT_SQL_SUCCEEDED, condition -> assertThat(condition.getStatus()).isEqualTo(Conditions.TRUE));
        awaitCondition("create1", Conditions.RECONCILED, condition -> assertThat(condition.getStatus()).isEqualTo(Conditions.TRUE));

        StatefulSet statefulSet = client.apps().statefulSets().inNamespace(namespace).withName("create1").get();
        assertThat(statefulSet.getSpec().getServiceName()).isEqualTo("create1-hadr");
        assertThat(statefulSet.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("type", "sqlservr").containsEntry("name", "create1");
        assertThat(statefulSet.getSpec().getTemplate().getSpec().getContainers())
                .extracting(container -> container.getName())
                .containsExactly("mssql-server", "health-agent", "ag-agent-supervisor");
        assertThat(statefulSet.getSpec().getTemplate().getSpec().getVolumes())
                .as("the referenced sa key, as a file for the AG bootstrap")
                .anySatisfy(volume -> {
                    assertThat(volume.getSecret().getSecretName()).isEqualTo(TestResources.SA_SECRET);
                    assertThat(volume.getSecret().getItems()).singleElement()
                            .satisfies(item -> assertThat(item.getKey()).isEqualTo(TestResources.SA_KEY));
                });
        assertThat(statefulSet.getSpec().getTemplate().getSpec().getContainers().get(2).getVolumeMounts())
                .anySatisfy(mount -> {
                    assertThat(mount.getName()).isEqualTo("sa-password");
                    assertThat(mount.getReadOnly()).isTrue();
                });
        assertThat(client.services().inNamespace(namespace).withName("create1-hadr").get().getSpec().getClusterIP()).isEqualTo("None");
        assertThat(client.services().inNamespace(namespace).withName("agcreate-primary").get().getSpec().getSelector())
                .containsEntry(Labels.role("agcreate"), "primary");
        assertThat(client.services().inNamespace(namespace).withName("agcreate-secondary").get()).isNotNull();
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace(namespace).withName("mssql-ag-members").get()
                .getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        for (String name : List.of("create1-agents", "create1-init-sql")) {
            assertThat(client.serviceAccounts().inNamespace(namespace).withName(name).get()).as(name).isNotNull();
            assertThat(client.rbac().roles().inNamespace(namespace).withName(name).get()).as(name).isNotNull();
            assertThat(client.rbac().roleBindings().inNamespace(namespace).withName(name).get()).as(name).isNotNull();
        }
        assertThat(client.secrets().inNamespace(namespace).withName("create1-agent-login").get().getData()).containsKeys("username", "password");
        assertThat(client.secrets().inNamespace(namespace).withName("create1-master-key").get().getData()).containsKey("masterkeypassword");
        assertThat(client.batch().v1().jobs().inNamespace(namespace).withName("create1-init-sql-1").get()).isNotNull();
        assertThat(resource("create1").getStatus().getAvailabilityGroups()).singleElement()
                .satisfies(group -> assertThat(group.getAvailabilityMode()).isEqualTo(AvailabilityMode.SYNCHRONOUS_COMMIT));
        assertThat(resource("create1").getStatus().getObservedGeneration()).isEqualTo(1L);
    }

    @Test
    void generatedSecretsAreNeverOverwritten() {
        client.resource(TestResources.sqlServer("keep1", namespace, AvailabilityGroupRef.named("agkeep"))).create();
        await().atMost(PATIENCE).until(() -> client.secrets().inNamespace(namespace).withName("keep1-agent-login").get() != null);
        String password = client.secrets().inNamespace(namespace).withName("keep1-agent-login").get().getData().get("password");

        editSpec("keep1", spec -> spec.setSqlPostInitScript("SELECT 1"));
        await().atMost(PATIENCE).until(() -> jobExists("keep1-init-sql-2"));

        assertThat(client.secrets().inNamespace(namespace).withName("keep1-agent-login").get().getData().get("password"))
                .isEqualTo(password);
    }

    @Test
    void changingTheAvailabilityGroupsRunsANewInitSqlJobAndUpdatesTheAgentsRole() {
        client.resource(TestResources.sqlServer("change1", namespace, AvailabilityGroupRef.named("agchange-a"))).create();
        awaitCondition("change1", Conditions.INIT_SQL_SUCCEEDED, condition -> assertThat(condition.getStatus()).isEqualTo(Conditions.TRUE));
        String templateBefore = client.getKubernetesSerialization().asJson(
                client.apps().statefulSets().inNamespace(namespace).withName("change1").get().getSpec().getTemplate());

        editSpec("change1", spec -> spec.getAvailabilityGroups().add(AvailabilityGroupRef.named("agchange-b")));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(jobExists("change1-init-sql-2")).isTrue();
            Role role = client.rbac().roles().inNamespace(namespace).withName("change1-agents").get();
            assertThat(role.getRules()).anySatisfy(rule -> assertThat(rule.getResourceNames())
                    .contains("agchange-a-leader", "agchange-b-leader"));
            assertThat(client.services().inNamespace(namespace).withName("agchange-b-primary").get()).isNotNull();
        });
        // The finished Job of the older generation is cleaned up; SQL Server's pod template is untouched.
        await().atMost(PATIENCE).until(() -> !jobExists("change1-init-sql-1"));
        assertThat(client.getKubernetesSerialization().asJson(
                client.apps().statefulSets().inNamespace(namespace).withName("change1").get().getSpec().getTemplate()))
                .isEqualTo(templateBefore);
    }

    @Test
    void anImmutableChangeIsRefusedAndRevertingItClearsTheRefusal() {
        client.resource(TestResources.sqlServer("immut1", namespace, AvailabilityGroupRef.named("agimmut"))).create();
        awaitCondition("immut1", Conditions.RECONCILED, condition -> assertThat(condition.getStatus()).isEqualTo(Conditions.TRUE));
        StatefulSet before = client.apps().statefulSets().inNamespace(namespace).withName("immut1").get();

        // Storage is fixed (contract §1); pid, images and the like are rolled instead.
        editSpec("immut1", spec -> spec.getSqlServerContainer().setVolumeMounts(List.of(new VolumeMountBuilder()
                .withName("extra").withMountPath("/extra").build())));

        awaitCondition("immut1", Conditions.SPEC_REJECTED, condition -> {
            assertThat(condition.getStatus()).isEqualTo(Conditions.TRUE);
            assertThat(condition.getMessage()).startsWith("spec.sqlServerContainer cannot change after creation");
        });
        // The spec, not the resourceVersion: the StatefulSet controller keeps writing the set's status.
        assertThat(client.apps().statefulSets().inNamespace(namespace).withName("immut1").get().getSpec())
                .isEqualTo(before.getSpec());
        await().atMost(PATIENCE).until(() -> eventsAbout("immut1").stream()
                .anyMatch(event -> "ImmutableFieldChanged".equals(event.getReason())));

        editSpec("immut1", spec -> spec.getSqlServerContainer().setVolumeMounts(new ArrayList<>()));

        awaitCondition("immut1", Conditions.SPEC_REJECTED, condition -> assertThat(condition.getStatus()).isEqualTo(Conditions.FALSE));
    }

    @Test
    void anImageChangeIsAcceptedButRestartsNoAgMemberWhileTheAgsPrimaryIsUnknown() {
        client.resource(TestResources.sqlServer("rollag1", namespace, AvailabilityGroupRef.named("agrollop"))).create();
        awaitCondition("rollag1", Conditions.READY, condition -> assertThat(condition.getStatus()).isEqualTo(Conditions.TRUE));
        String memberPod = client.pods().inNamespace(namespace).withName("rollag1-0").get().getMetadata().getUid();

        editSpec("rollag1", spec -> spec.getSqlServerContainer().setImage("mcr.microsoft.com/mssql/server:2022-CU16"));

        // The new template reaches the StatefulSet, which rolls OnDelete; the operator's rollout would delete the
        // pod only in the planner's order, and with no agents here no AG of the namespace has a known primary.
        await().atMost(PATIENCE).until(() -> client.apps().statefulSets().inNamespace(namespace).withName("rollag1").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage()
                .equals("mcr.microsoft.com/mssql/server:2022-CU16"));
        awaitCondition("rollag1", Conditions.ROLLOUT_PAUSED, condition -> {
            assertThat(condition.getStatus()).isEqualTo(Conditions.FALSE);
            assertThat(condition.getReason()).isEqualTo("Rolling");
            assertThat(condition.getMessage()).contains("primaries labelled; waiting for its agents");
        });
        awaitCondition("rollag1", Conditions.SPEC_REJECTED, condition -> assertThat(condition.getStatus()).isEqualTo(Conditions.FALSE));
        assertThat(client.pods().inNamespace(namespace).withName("rollag1-0").get().getMetadata().getUid())
                .isEqualTo(memberPod);
        client.resources(SqlServer.class).inNamespace(namespace).withName("rollag1").delete();
    }

    @Test
    void aMissingSecretIsReportedAndTheResourceRecoversWhenItAppears() {
        client.resource(TestResources.sqlServer("nosec1", namespace, "nosec1-secrets", AvailabilityGroupRef.named("agnosec"))).create();

        awaitCondition("nosec1", Conditions.SECRETS_FOUND, condition -> {
            assertThat(condition.getStatus()).isEqualTo(Conditions.FALSE);
            assertThat(condition.getMessage()).contains("'nosec1-secrets', which does not exist");
        });
        assertThat(client.apps().statefulSets().inNamespace(namespace).withName("nosec1").get()).isNull();

        client.resource(TestResources.saSecret("nosec1-secrets", namespace)).create();

        awaitCondition("nosec1", Conditions.SECRETS_FOUND, condition -> assertThat(condition.getStatus()).isEqualTo(Conditions.TRUE));
        await().atMost(PATIENCE).until(() -> client.apps().statefulSets().inNamespace(namespace).withName("nosec1").get() != null);
    }

    @Test
    void problemsBeyondTheSchemaGetANamedConditionAndTouchNothing() {
        SqlServer noEula = TestResources.sqlServer("eula1", namespace, AvailabilityGroupRef.named("ageula"));
        noEula.getSpec().setAcceptEula(false);
        client.resource(noEula).create();
        client.resource(TestResources.sqlServer("much-too-long1", namespace)).create();

        awaitCondition("eula1", Conditions.SPEC_VALID, condition -> assertThat(condition.getReason()).isEqualTo("EulaNotAccepted"));
        awaitCondition("much-too-long1", Conditions.SPEC_VALID, condition -> {
            assertThat(condition.getReason()).isEqualTo("NameTooLong");
            assertThat(condition.getMessage()).contains("much-too-long1-0");
        });
        assertThat(client.apps().statefulSets().inNamespace(namespace).withName("eula1").get()).isNull();
        assertThat(client.apps().statefulSets().inNamespace(namespace).withName("much-too-long1").get()).isNull();
    }

    @Test
    void aPodTheStatefulSetCannotCreateIsReportedWithTheControllersReason() {
        cluster.refusePodCreation("pods \"refused1-0\" is forbidden: violates PodSecurity \"restricted:latest\"");
        client.resource(TestResources.sqlServer("refused1", namespace)).create();

        awaitCondition("refused1", Conditions.READY, condition -> {
            assertThat(condition.getReason()).isEqualTo("PodCreateFailed");
            assertThat(condition.getMessage()).contains("violates PodSecurity");
        });
    }

    @Test
    void aSecretInTheWayOfAGeneratedOneIsReportedAndDeletingItLetsTheResourceGoOn() {
        client.resource(TestResources.saSecret("taken1-agent-login", namespace)).create();
        client.resource(TestResources.sqlServer("taken1", namespace)).create();

        awaitCondition("taken1", Conditions.SPEC_VALID, condition -> {
            assertThat(condition.getReason()).isEqualTo("GeneratedSecretNameTaken");
            assertThat(condition.getMessage()).contains("'taken1-agent-login'");
        });
        assertThat(client.apps().statefulSets().inNamespace(namespace).withName("taken1").get()).isNull();

        client.secrets().inNamespace(namespace).withName("taken1-agent-login").delete();

        awaitCondition("taken1", Conditions.SPEC_VALID, condition -> assertThat(condition.getStatus()).isEqualTo(Conditions.TRUE));
        await().atMost(PATIENCE).until(() -> client.apps().statefulSets().inNamespace(namespace).withName("taken1").get() != null);
    }

    @Test
    void twoConfigurationOnlyReplicasInOneGroupAreAConflict() {
        AvailabilityGroupRef configOnly = new AvailabilityGroupRef("agconfl", AvailabilityMode.CONFIGURATION_ONLY);
        client.resource(TestResources.sqlServer("confl1", namespace, AvailabilityGroupRef.named("agconfl"))).create();
        client.resource(TestResources.sqlServer("confl2", namespace, configOnly)).create();
        client.resource(TestResources.sqlServer("confl3", namespace, configOnly)).create();

        awaitCondition("confl3", Conditions.SPEC_VALID, condition -> {
            assertThat(condition.getReason()).isEqualTo("AvailabilityGroupConflict");
            assertThat(condition.getMessage()).contains("2 configuration-only replicas [confl2, confl3]");
        });
    }

    @Test
    void aRoutingServiceSomeoneElseMadeIsLeftAlone() {
        Service users = new ServiceBuilder().withNewMetadata().withName("agusers-primary").withNamespace(namespace).endMetadata()
                .withNewSpec().addToSelector("role.ag.mssql.microsoft.com/agusers", "primary").addToSelector("type", "sqlservr")
                .addNewPort().withPort(1433).endPort().withType("LoadBalancer").endSpec().build();
        client.resource(users).create();

        client.resource(TestResources.sqlServer("users1", namespace, AvailabilityGroupRef.named("agusers"))).create();

        awaitCondition("users1", Conditions.RECONCILED, condition -> assertThat(condition.getMessage())
                .contains("Service agusers-primary"));
        Service after = client.services().inNamespace(namespace).withName("agusers-primary").get();
        assertThat(after.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(after.getMetadata().getOwnerReferences()).isEmpty();
    }

    @Test
    void deletingRemovesWhatTheOperatorOwnsButKeepsTheData() {
        client.resource(TestResources.sqlServer("del1", namespace, AvailabilityGroupRef.named("agdel"))).create();
        awaitCondition("del1", Conditions.READY, condition -> assertThat(condition.getStatus()).isEqualTo(Conditions.TRUE));
        assertThat(client.persistentVolumeClaims().inNamespace(namespace).withName("mssql-del1-0").get()).isNotNull();

        client.resources(SqlServer.class).inNamespace(namespace).withName("del1").delete();

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(client.apps().statefulSets().inNamespace(namespace).withName("del1").get()).isNull();
            assertThat(client.services().inNamespace(namespace).withName("del1-hadr").get()).isNull();
            assertThat(client.services().inNamespace(namespace).withName("agdel-primary").get()).isNull();
            assertThat(client.secrets().inNamespace(namespace).withName("del1-agent-login").get()).isNull();
            assertThat(client.rbac().roles().inNamespace(namespace).withName("del1-agents").get()).isNull();
            assertThat(client.pods().inNamespace(namespace).withName("del1-0").get()).isNull();
        });
        assertThat(client.persistentVolumeClaims().inNamespace(namespace).withName("mssql-del1-0").get()).isNotNull();
    }

    @Test
    void deletingWithTheDataAnnotationAlsoRemovesTheClaim() {
        SqlServer resource = TestResources.sqlServer("deldata1", namespace, AvailabilityGroupRef.named("agdeldata"));
        resource.getMetadata().setAnnotations(Map.of(Labels.DELETE_DATA_ANNOTATION, "true"));
        client.resource(resource).create();
        await().atMost(PATIENCE).until(() -> client.persistentVolumeClaims().inNamespace(namespace)
                .withName("mssql-deldata1-0").get() != null);

        client.resources(SqlServer.class).inNamespace(namespace).withName("deldata1").delete();

        await().atMost(PATIENCE).until(() -> client.persistentVolumeClaims().inNamespace(namespace)
                .withName("mssql-deldata1-0").get() == null);
    }

    @Test
    void sharedObjectsOutliveAMemberAndGoWithTheLast() {
        client.resource(TestResources.sqlServer("share1", namespace, AvailabilityGroupRef.named("agshare"))).create();
        client.resource(TestResources.sqlServer("share2", namespace, AvailabilityGroupRef.named("agshare"))).create();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ownersOf("agshare-primary")).containsExactly("share1", "share2"));

        client.resources(SqlServer.class).inNamespace(namespace).withName("share1").delete();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ownersOf("agshare-primary")).containsExactly("share2"));

        client.resources(SqlServer.class).inNamespace(namespace).withName("share2").delete();
        await().atMost(PATIENCE).until(() -> client.services().inNamespace(namespace).withName("agshare-primary").get() == null);
    }

    @Test
    void aReconcileThatThrowsSaysSoInTheStatusAndRecovers() {
        // A refusal the client does not retry by itself (it retries 5xx): the reconcile fails, JOSDK retries it.
        server.expect().post().withPath("/apis/apps/v1/namespaces/" + namespace + "/statefulsets")
                .andReturn(403, new StatusBuilder().withCode(403).withMessage("statefulsets.apps is forbidden").build()).once();

        client.resource(TestResources.sqlServer("fail1", namespace)).create();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(eventsAbout("fail1"))
                .anySatisfy(event -> {
                    assertThat(event.getReason()).isEqualTo("ReconcileFailed");
                    assertThat(event.getMessage()).isEqualTo("The last reconcile failed and is retried with backoff: statefulset: "
                            + "KubernetesClientException: HTTP 403: statefulsets.apps is forbidden");
                }));
        awaitCondition("fail1", Conditions.RECONCILED, condition -> assertThat(condition.getStatus()).isEqualTo(Conditions.TRUE));
    }

    private SqlServer resource(String name) {
        return client.resources(SqlServer.class).inNamespace(namespace).withName(name).get();
    }

    /** As a user's edit: the operator writes the resource too (finalizer, status), so a stale read is retried. */
    private void editSpec(String name, Consumer<SqlServerSpec> change) {
        await().atMost(PATIENCE)
                .ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 409)
                .until(() -> client.resources(SqlServer.class).inNamespace(namespace).withName(name).edit(resource -> {
                    change.accept(resource.getSpec());
                    return resource;
                }) != null);
    }

    private List<String> ownersOf(String service) {
        return Optional.ofNullable(client.services().inNamespace(namespace).withName(service).get())
                .map(found -> found.getMetadata().getOwnerReferences().stream().map(owner -> owner.getName()).toList())
                .orElse(List.of());
    }

    private boolean jobExists(String name) {
        return client.batch().v1().jobs().inNamespace(namespace).withName(name).get() != null;
    }

    private List<Event> eventsAbout(String name) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(event -> name.equals(event.getInvolvedObject().getName()))
                .toList();
    }

    private void awaitCondition(String name, String type, Consumer<Condition> check) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            SqlServer current = resource(name);
            assertThat(current).isNotNull();
            assertThat(current.getStatus()).isNotNull();
            Optional<Condition> condition = Conditions.find(current.getStatus().getConditions(), type);
            assertThat(condition).as(type + " on " + name).isPresent();
            check.accept(condition.get());
        });
    }
}
