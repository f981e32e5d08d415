package io.github.mssqlk8s.testing.apiserver;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension for *ApiTest classes: the JVM's real API server ({@link KubeApiServer#shared()}), a fresh
 * namespace per test, and clients that talk as a ServiceAccount of that namespace with a real token.
 *
 * <pre>
 * &#64;RegisterExtension
 * final ApiTestNamespace api = ApiTestNamespace.create();     // or .withLabels(ApiTestNamespace.RESTRICTED)
 *
 * KubernetesClient agents = api.clientAs("mssql1-agents", AgentRbac.role(...));   // SA + Role + RoleBinding
 * KubernetesClient admin = api.admin();                                           // the test harness itself
 * </pre>
 *
 * Nothing deletes the namespaces: without a namespace controller a deleted one would stay Terminating anyway.
 */
public final class ApiTestNamespace implements BeforeEachCallback, AfterEachCallback {

    /** Pod Security Admission at its strictest, as production clusters are often configured. */
    public static final Map<String, String> RESTRICTED = Map.of(
            "pod-security.kubernetes.io/enforce", "restricted",
            "pod-security.kubernetes.io/enforce-version", "latest");

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Map<String, String> labels;
    private final List<KubernetesClient> clients = new ArrayList<>();
    private final ForbiddenRequests forbidden = ForbiddenRequests.log();
    private KubeApiServer server;
    private String namespace;

    private ApiTestNamespace(Map<String, String> labels) {
        this.labels = labels;
    }

    public static ApiTestNamespace create() {
        return new ApiTestNamespace(Map.of());
    }

    public static ApiTestNamespace withLabels(Map<String, String> labels) {
        return new ApiTestNamespace(Map.copyOf(labels));
    }

    /**
     * Outside JUnit (scripts/sandbox): a fresh namespace named after {@code purpose} on the JVM's server. The caller
     * must have checked {@link KubeBinaries#find()}; {@link #close()} closes the clients made here.
     */
    public static ApiTestNamespace open(String purpose) {
        ApiTestNamespace api = create();
        api.createNamespace(purpose);
        return api;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        createNamespace(context.getRequiredTestMethod().getName());
    }

    private void createNamespace(String purpose) {
        server = KubeApiServer.shared();
        namespace = uniqueName(purpose);
        server.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                .withLabels(new LinkedHashMap<>(labels)).endMetadata().build()).create();
        // What kube-controller-manager's ServiceAccount controller would add: pods without a serviceAccountName need it.
        server.admin().serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
                .withNewMetadata().withName("default").endMetadata().build()).create();
    }

    /** Closes the clients made here (what {@link #afterEach} does for a test). */
    public void close() {
        clients.forEach(KubernetesClient::close);
        clients.clear();
    }

    /** The token of the harness's own identity ({@code system:masters}), e.g. for a kubeconfig a person uses. */
    public String adminTokenForPeople() {
        return adminToken();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    public KubeApiServer server() {
        return server;
    }

    public String namespace() {
        return namespace;
    }

    /** The harness's own client ({@code system:masters}) in this namespace: for setting up and for looking. */
    public KubernetesClient admin() {
        return track(new KubernetesClientBuilder().withConfig(server.config(adminToken(), namespace, "apitest-admin")).build());
    }

    /** Creates the ServiceAccount when absent and returns a token the API server issued for it (TokenRequest). */
    public String tokenFor(String serviceAccount) {
        KubernetesClient admin = server.admin();
        if (admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount).get() == null) {
            ServiceAccount account = new ServiceAccountBuilder().withNewMetadata().withName(serviceAccount)
                    .withNamespace(namespace).endMetadata().build();
            admin.serviceAccounts().inNamespace(namespace).resource(account).create();
        }
        return admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(7200L).endSpec().build())
                .getStatus().getToken();
    }

    /**
     * A client that talks as the ServiceAccount, with whatever Roles are bound to it (none unless bound). Every 403
     * it receives is in {@link #forbidden()}.
     */
    public KubernetesClient clientAs(String serviceAccount) {
        return track(new KubernetesClientBuilder()
                .withConfig(server.config(tokenFor(serviceAccount), namespace, "apitest-" + serviceAccount))
                .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor("forbidden", forbidden.as(serviceAccount)))
                .build());
    }

    /**
     * As {@link #clientAs(String, Role)}, reaching the server through a loopback TCP proxy on {@code proxyPort} (a
     * fault can cut it), with the caller's timeouts and User-Agent in {@code settings}.
     */
    public KubernetesClient clientAs(String serviceAccount, Role role, int proxyPort, ConfigBuilder settings) {
        grant(serviceAccount, role);
        return track(new KubernetesClientBuilder()
                .withConfig(settings.withMasterUrl("https://127.0.0.1:" + proxyPort + "/").withOauthToken(tokenFor(serviceAccount))
                        .withTrustCerts(true).withNamespace(namespace).build())
                .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor("forbidden", forbidden.as(serviceAccount)))
                .build());
    }

    /** Every request a {@code clientAs} client of this namespace had refused with 403 so far, as "account: METHOD path". */
    public List<String> forbidden() {
        return forbidden.refused();
    }

    /** Creates the Role (in this namespace) and binds it to the ServiceAccount, then returns a client as that account. */
    public KubernetesClient clientAs(String serviceAccount, Role role) {
        grant(serviceAccount, role);
        return clientAs(serviceAccount);
    }

    /** Creates (or replaces) the Role in this namespace and a RoleBinding of it to the ServiceAccount. */
    public void grant(String serviceAccount, Role role) {
        Role placed = new RoleBuilder(role).editMetadata().withNamespace(namespace).withResourceVersion(null).withUid(null)
                .withOwnerReferences(List.of()).endMetadata().build();
        KubernetesClient admin = server.admin();
        admin.rbac().roles().inNamespace(namespace).resource(placed).createOr(existing -> existing.update());
        String binding = placed.getMetadata().getName() + "-" + serviceAccount;
        admin.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder()
                .withNewMetadata().withName(binding.length() > 63 ? binding.substring(0, 63) : binding).withNamespace(namespace).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", placed.getMetadata().getName())
                .addNewSubject().withKind("ServiceAccount").withName(serviceAccount).withNamespace(namespace).endSubject()
                .build()).createOr(existing -> existing.update());
    }

    private String adminToken() {
        return server.adminToken();
    }

    private KubernetesClient track(KubernetesClient client) {
        clients.add(client);
        return client;
    }

    private static String uniqueName(String testMethod) {
        String base = testMethod.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        String prefix = "t" + COUNTER.incrementAndGet() + "-";
        String name = prefix + base;
        return (name.length() > 50 ? name.substring(0, 50) : name).replaceAll("-+$", "");
    }
}
