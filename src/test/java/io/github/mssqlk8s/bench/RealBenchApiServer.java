package io.github.mssqlk8s.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.testing.TestResources;
import io.github.mssqlk8s.testing.apiserver.ApiTestNamespace;
import io.github.mssqlk8s.testing.apiserver.GeneratedManifests;
import io.github.mssqlk8s.testing.apiserver.KubeBinaries;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The real kube-apiserver + etcd (scripts/kube-testenv's binaries) with the generated CRD and the operator's
 * generated ServiceAccount, Role and RoleBinding in a fresh namespace: the operator process runs as that account.
 */
final class RealBenchApiServer implements BenchApiServer {

    private static final String OPERATOR_ACCOUNT = "mssql-operator";

    private final ApiTestNamespace api;
    private final KubernetesClient client;

    private RealBenchApiServer(ApiTestNamespace api) {
        this.api = api;
        this.client = api.admin();
    }

    static boolean available() {
        return KubeBinaries.find().isPresent() && java.nio.file.Files.exists(GeneratedManifests.CRD);
    }

    static RealBenchApiServer start() {
        RealBenchApiServer server = new RealBenchApiServer(ApiTestNamespace.open("bench"));
        GeneratedManifests.installCrd(server.client);
        GeneratedManifests.operatorManifests().stream().filter(object -> !"Deployment".equals(object.getKind())
                        && !"Service".equals(object.getKind()))
                .forEach(object -> server.client.resource(object).inNamespace(server.namespace()).create());
        server.client.resource(TestResources.saSecret(TestResources.SA_SECRET, server.namespace())).create();
        return server;
    }

    @Override
    public String description() {
        return "the real kube-apiserver " + KubeBinaries.VERSION;
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public String namespace() {
        return api.namespace();
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>(api.server().environment(api.tokenFor(OPERATOR_ACCOUNT), namespace()));
        environment.put("MSSQL_K8S_NAMESPACE", namespace());
        return environment;
    }

    @Override
    public Optional<Map<String, Long>> requestsFromOthers(String resource) {
        return Optional.empty();
    }

    @Override
    public void close() {
        api.close();
    }
}
