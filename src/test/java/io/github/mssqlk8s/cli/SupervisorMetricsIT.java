package io.github.mssqlk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.ha.Decision;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.naming.EnvironmentVariables;
import io.github.mssqlk8s.testing.PrometheusScrape;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged supervisor with real ag-agent children (the packaged application in the {@code ag-agent} mode, with
 * no SQL Server to reach): one scrape of the supervisor's port carries both children's meters, JVM meters
 * included, each labelled with its AG, and Prometheus would accept it.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class SupervisorMetricsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** The children's JVM as the operator gives it, less the image's class-data archive. */
    private static final List<String> CHILD_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx96m");

    static KubernetesClient client;

    @TempDir
    Path work;

    @Test
    void oneScrapeOfTheSupervisorCarriesEveryChildsMetersLabelledWithItsAg() throws Exception {
        PackagedSupervisor.createSqlServer(client, "metrics1", "ag-p", "ag-q");
        List<String> child = new ArrayList<>(List.of(PackagedSupervisor.javaCommand()));
        child.addAll(CHILD_JVM);
        child.addAll(List.of("-jar", PackagedSupervisor.APPLICATION.toString(), "ag-agent"));
        int port = freePort();
        ProcessBuilder builder = PackagedSupervisor.builder(client, "metrics1", child, work);
        builder.environment().put(EnvironmentVariables.QUARKUS_HTTP_PORT, Integer.toString(port));
        // The children inherit it: no login, so no SQL Server is reached.
        builder.environment().put(EnvironmentVariables.AGENT_LOGIN_PATH, work.resolve("no-login").toString());
        Process supervisor = builder.start();
        try {
            PrometheusScrape scrape = await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> scrape(port), s -> hasChildMeters(s, "ag-p") && hasChildMeters(s, "ag-q"));

            for (String group : List.of("ag-p", "ag-q")) {
                assertThat(scrape.seriesWith("mssql_ag_role{", "ag=\"" + group + "\"").values())
                        .as("the role gauges of %s", group).hasSize(ReplicaRole.values().length).containsOnlyOnce(1.0);
                assertThat(scrape.seriesWith("mssql_ag_decisions_total{", "ag=\"" + group + "\""))
                        .hasSize(Decision.class.getPermittedSubclasses().length);
                assertThat(scrape.seriesWith("jvm_memory_used_bytes{", "ag=\"" + group + "\"")).isNotEmpty();
            }
            assertThat(scrape.seriesWith("jvm_memory_used_bytes{").keySet()).as("the supervisor's own JVM, without an ag")
                    .anyMatch(series -> !series.contains("ag="));
        } finally {
            List<ProcessHandle> children = supervisor.descendants().toList();
            supervisor.destroy();
            if (!supervisor.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                supervisor.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** The child's meters are in, and it has ticked (its role gauges are all 0 until its first report). */
    private static boolean hasChildMeters(PrometheusScrape scrape, String group) {
        return scrape != null && scrape.seriesWith("mssql_ag_role{", "ag=\"" + group + "\"").containsValue(1.0);
    }

    /** The supervisor's scrape, parsed as Prometheus would (an invalid one fails the test); null until it answers. */
    private static PrometheusScrape scrape(int port) throws InterruptedException {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? PrometheusScrape.parse(response.body()) : null;
        } catch (IOException notYet) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
