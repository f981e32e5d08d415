package io.github.mssqlk8s.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.mssqlk8s.testing.MockApiServer;
import io.github.mssqlk8s.testing.ScenarioIdentities;
import io.github.mssqlk8s.testing.apiserver.ApiTestNamespace;
import io.github.mssqlk8s.testing.apiserver.GeneratedManifests;
import io.github.mssqlk8s.testing.apiserver.KubeBinaries;
import io.github.mssqlk8s.testing.apiserver.RealServerIdentities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The sandbox's API server: the real kube-apiserver + etcd when scripts/kube-testenv has built them (each component
 * under its own Role, and a kubeconfig for a person's kubectl), else fabric8's mock, as before.
 */
final class SandboxApiServer implements AutoCloseable {

    static final Path KUBECONFIG = Path.of("target/sandbox/kubeconfig").toAbsolutePath();

    private final KubernetesClient client;
    private final ScenarioIdentities identities;
    private final ApiTestNamespace real;
    private final KubernetesMockServer mock;

    private SandboxApiServer(KubernetesClient client, ScenarioIdentities identities, ApiTestNamespace real, KubernetesMockServer mock) {
        this.client = client;
        this.identities = identities;
        this.real = real;
        this.mock = mock;
    }

    /** The real server where its binaries are, else the mock; one line says which and why. */
    static SandboxApiServer start(java.util.function.Consumer<String> say) {
        String missing = KubeBinaries.find().isEmpty() ? "no kube-apiserver binaries in " + KubeBinaries.expectedDirectory()
                + " (scripts/kube-testenv builds them)"
                : Files.exists(GeneratedManifests.CRD) ? null : "no generated CRD " + GeneratedManifests.CRD + " (./mvnw package writes it)";
        if (missing != null) {
            say.accept(missing + ": running on fabric8's mock API server instead");
            KubernetesMockServer server = MockApiServer.startCrud();
            KubernetesClient client = server.createClient();
            return new SandboxApiServer(client, ScenarioIdentities.onMock(client), null, server);
        }
        ApiTestNamespace api = ApiTestNamespace.open("sandbox");
        writeKubeconfig(api);
        say.accept("real kube-apiserver " + KubeBinaries.VERSION + " at " + api.server().url() + ", namespace "
                + api.namespace() + "; each component as its own ServiceAccount under its Role. Watch it with:");
        String kubectl = KubeBinaries.find().get().kubectl() + " --kubeconfig " + KUBECONFIG;
        for (String command : List.of("get pods -L role.ag.mssql.microsoft.com/ag1 -w", "get sqlservers",
                "get events -w", "get lease,configmap ag1 -o yaml")) {
            say.accept("    " + kubectl + " " + command);
        }
        return new SandboxApiServer(api.admin(), new RealServerIdentities(api), api, null);
    }

    boolean isReal() {
        return real != null;
    }

    KubernetesClient client() {
        return client;
    }

    ScenarioIdentities identities() {
        return identities;
    }

    /** A kubeconfig with the harness's own identity (all rights) and the sandbox's namespace, readable by its owner only. */
    private static void writeKubeconfig(ApiTestNamespace api) {
        String yaml = String.join("\n",
                "apiVersion: v1", "kind: Config", "current-context: sandbox",
                "clusters:", "- name: sandbox", "  cluster:", "    server: " + api.server().url(),
                "    insecure-skip-tls-verify: true",
                "users:", "- name: sandbox-admin", "  user:", "    token: " + api.adminTokenForPeople(),
                "contexts:", "- name: sandbox", "  context:", "    cluster: sandbox", "    user: sandbox-admin",
                "    namespace: " + api.namespace(), "");
        try {
            Files.createDirectories(KUBECONFIG.getParent());
            Files.deleteIfExists(KUBECONFIG);
            Files.createFile(KUBECONFIG, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(KUBECONFIG, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (real != null) {
            real.close();
        }
        if (mock != null) {
            client.close();
            mock.destroy();
        }
    }
}
