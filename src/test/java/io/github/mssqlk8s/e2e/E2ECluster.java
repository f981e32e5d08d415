package io.github.mssqlk8s.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.mssqlk8s.naming.Labels;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The real cluster the {@code *E2E} tests run against, as {@code scripts/e2e} deployed it: the CRD, the operator and
 * the three-replica AG of {@code examples/} in {@code MSSQL_K8S_E2E_NAMESPACE}. Everything here goes through the
 * public contract: pod labels, the {@code <ag>-primary} Service, Jobs with the contract's environment and the
 * preview's Roles.
 */
final class E2ECluster implements AutoCloseable {

    /** Set by {@code scripts/e2e}: the kube context to use. The tests are skipped when it is absent. */
    static final String CONTEXT_VARIABLE = "MSSQL_K8S_E2E_CONTEXT";
    static final String AG = "ag1";
    static final List<String> REPLICAS = List.of("mssql1", "mssql2", "mssql3");
    static final Duration FAILOVER_PATIENCE = Duration.ofMinutes(2);
    private static final Duration JOB_PATIENCE = Duration.ofMinutes(5);

    private final KubernetesClient client;
    private final String namespace;
    private final String image;

    private E2ECluster(KubernetesClient client, String namespace, String image) {
        this.client = client;
        this.namespace = namespace;
        this.image = image;
    }

    static E2ECluster fromEnvironment() {
        String context = System.getenv(CONTEXT_VARIABLE);
        String namespace = Optional.ofNullable(System.getenv("MSSQL_K8S_E2E_NAMESPACE")).orElse("mssql-e2e");
        String image = Optional.ofNullable(System.getenv("MSSQL_K8S_E2E_IMAGE"))
                .orElseThrow(() -> new IllegalStateException("MSSQL_K8S_E2E_IMAGE is not set (scripts/e2e sets it)"));
        Config config = Config.autoConfigure(context);
        return new E2ECluster(new KubernetesClientBuilder().withConfig(config).build(), namespace, image);
    }

    KubernetesClient client() {
        return client;
    }

    String namespace() {
        return namespace;
    }

    /** sa's connection to SQL Server at a forwarded loopback port (TLS with the server's own certificate). */
    static Connection connectAsSa(int port, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "sa");
        properties.setProperty("password", password);
        properties.setProperty("encrypt", "true");
        properties.setProperty("trustServerCertificate", "true");
        properties.setProperty("loginTimeout", "5");
        properties.setProperty("socketTimeout", "10000");
        return DriverManager.getConnection("jdbc:sqlserver://127.0.0.1:" + port, properties);
    }

    /** The sa password of the examples' Secret (scripts/e2e generated it). */
    String saPassword() {
        return secretValue("sql-secrets", "sapassword");
    }

    String secretValue(String secret, String key) {
        var found = client.secrets().inNamespace(namespace).withName(secret).get();
        String data = found.getData() != null ? found.getData().get(key) : null;
        if (data != null) {
            return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
        }
        return found.getStringData().get(key);
    }

    /** The pods carrying {@code role = primary} for the AG: what the {@code <ag>-primary} Service selects. */
    List<String> primaryPods() {
        return client.pods().inNamespace(namespace).withLabel(Labels.role(AG), Labels.ROLE_PRIMARY).list().getItems()
                .stream().map(pod -> pod.getMetadata().getName()).toList();
    }

    /** Waits for exactly one primary pod (not {@code excluded}) and returns it. */
    String awaitSinglePrimary(Duration patience, String... excluded) {
        List<String> others = List.of(excluded);
        await().atMost(patience).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<String> primaries = primaryPods();
            return primaries.size() == 1 && !others.contains(primaries.get(0));
        });
        return primaryPods().get(0);
    }

    List<String> secondaryPods() {
        return client.pods().inNamespace(namespace).withLabel(Labels.role(AG), Labels.ROLE_SECONDARY).list().getItems()
                .stream().map(pod -> pod.getMetadata().getName()).toList();
    }

    Pod pod(String name) {
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    /** Pod loss: the primary's pod is deleted at once, as when its node dies. */
    void deletePodNow(String name) {
        client.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete();
    }

    /**
     * Runs one of the image's Jobs ({@code entryPoint} is a preview path such as {@code /mssql-server-k8s-failover})
     * with exactly the Role the preview gave it, and returns its outcome once it finished.
     */
    JobOutcome runJob(String name, String entryPoint, Map<String, String> environment, List<PolicyRule> role) {
        String account = name;
        client.serviceAccounts().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata().withName(account).endMetadata().build()).serverSideApply();
        client.rbac().roles().inNamespace(namespace).resource(new RoleBuilder().withNewMetadata().withName(account).endMetadata()
                .withRules(role).build()).serverSideApply();
        client.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder().withNewMetadata().withName(account)
                .endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(account)
                .endRoleRef().addNewSubject().withKind("ServiceAccount").withName(account).withNamespace(namespace).endSubject()
                .build()).serverSideApply();
        List<EnvVar> env = new ArrayList<>();
        environment.forEach((key, value) -> env.add(new EnvVarBuilder().withName(key).withValue(value).build()));
        env.add(new EnvVarBuilder().withName("MSSQL_K8S_NAMESPACE").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().build());
        Job job = new JobBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec()
                .withServiceAccountName(account).withRestartPolicy("Never")
                .addNewContainer().withName("job").withImage(image).withCommand(entryPoint).withEnv(env).endContainer()
                .endSpec().endTemplate().endSpec().build();
        client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
        await().atMost(JOB_PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> finished(name));
        Job done = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        String log = client.batch().v1().jobs().inNamespace(namespace).withName(name).getLog();
        boolean succeeded = done.getStatus().getSucceeded() != null && done.getStatus().getSucceeded() > 0;
        return new JobOutcome(succeeded, log);
    }

    record JobOutcome(boolean succeeded, String log) {
    }

    private boolean finished(String job) {
        Job current = client.batch().v1().jobs().inNamespace(namespace).withName(job).get();
        return current != null && current.getStatus() != null && current.getStatus().getConditions() != null
                && current.getStatus().getConditions().stream().anyMatch(condition -> "True".equals(condition.getStatus())
                        && List.of("Complete", "Failed").contains(condition.getType()));
    }

    static PolicyRule rule(String apiGroup, String resource, List<String> names, String... verbs) {
        return new PolicyRuleBuilder().withApiGroups(apiGroup).withResources(resource).withResourceNames(names)
                .withVerbs(verbs).build();
    }

    /** A name unique to this run, for Jobs and the like. */
    static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        client.close();
    }
}
