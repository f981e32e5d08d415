package io.github.mssqlk8s.bench;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.github.mssqlk8s.testing.MockCluster;
import io.github.mssqlk8s.testing.TestResources;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * fabric8's mock API server in CRUD mode (plain HTTP, loopback) with our CRD installed and the sa Secret the
 * resources reference: the cluster the operator and supervisor benchmarks run their processes against. It
 * tallies the requests it serves, by User-Agent and path, so a benchmark can say what a process asked for.
 */
final class BenchCluster implements BenchApiServer {

    static final String NAMESPACE = "bench";
    private static final String OWN_USER_AGENT = "bench";
    /** fabric8's default User-Agent, which the application's processes send. */
    private static final String APPLICATION_USER_AGENT = "fabric8-kubernetes-client";

    private final Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
            expectations, new KubernetesMixedDispatcher(expectations), false);
    private final KubernetesClient client;
    private final Map<String, LongAdder> requestsByKind = new ConcurrentHashMap<>();
    private final Thread tally;

    BenchCluster() {
        server.init();
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(server.createClient().getConfiguration())
                .withNamespace(NAMESPACE).withUserAgent(OWN_USER_AGENT).build()).build();
        MockCluster.installCrd(client);
        // Before electing a leader, JOSDK asks whether it may use Leases; the mock server cannot answer that itself.
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().addNewResourceRule()
                        .withApiGroups("coordination.k8s.io").withResources("leases")
                        .withVerbs("get", "list", "watch", "create", "update", "patch").endResourceRule()
                        .withIncomplete(false).endStatus().build())
                .always();
        client.resource(TestResources.saSecret(TestResources.SA_SECRET, NAMESPACE)).create();
        tally = new Thread(this::tallyRequests, "bench-request-tally");
        tally.setDaemon(true);
        tally.start();
    }

    @Override
    public String description() {
        return "the mock API server";
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    /** The environment that points a process of the application at this server, in {@link #NAMESPACE}. */
    @Override
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KUBERNETES_MASTER", server.url("/"));
        environment.put("KUBERNETES_NAMESPACE", NAMESPACE);
        environment.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
        environment.put("KUBERNETES_TRUST_CERTIFICATES", "true");
        environment.put("MSSQL_K8S_NAMESPACE", NAMESPACE);
        return environment;
    }

    /** Requests from the application's processes whose path mentions {@code resource}, e.g. "secrets". */
    @Override
    public java.util.Optional<Map<String, Long>> requestsFromOthers(String resource) {
        Map<String, Long> counts = new LinkedHashMap<>();
        requestsByKind.forEach((key, count) -> {
            if (key.contains("/" + resource)) {
                counts.put(key, count.sum());
            }
        });
        return java.util.Optional.of(counts);
    }

    private void tallyRequests() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
                if (request != null && String.valueOf(request.getHeader("User-Agent")).startsWith(APPLICATION_USER_AGENT)) {
                    requestsByKind.computeIfAbsent(describe(request), key -> new LongAdder()).increment();
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** Method and path with object names and resource versions left out: {@code GET /api/v1/namespaces/bench/secrets?labelSelector=…}. */
    private static String describe(RecordedRequest request) {
        String path = request.getPath();
        String query = "";
        int question = path.indexOf('?');
        if (question >= 0) {
            query = List.of(path.substring(question + 1).split("&")).stream()
                    .filter(part -> part.startsWith("labelSelector") || part.startsWith("watch") || part.startsWith("fieldSelector"))
                    .sorted().reduce((a, b) -> a + "&" + b).map(kept -> "?" + kept).orElse("");
            path = path.substring(0, question);
        }
        String[] segments = path.split("/");
        int namespaces = List.of(segments).indexOf("namespaces");
        if (namespaces >= 0 && segments.length > namespaces + 3) {
            segments[namespaces + 3] = "{name}";
        }
        return request.getMethod() + " " + String.join("/", segments) + query;
    }

    @Override
    public void close() {
        tally.interrupt();
        client.close();
        server.destroy();
    }
}
