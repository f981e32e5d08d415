package io.github.mssqlk8s.agent.ag;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

import com.sun.net.httpserver.HttpServer;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.resources.AgentRbac;
import io.github.mssqlk8s.testing.MockCluster;
import io.github.mssqlk8s.testing.PrometheusScrape;
import io.github.mssqlk8s.testing.RbacAudit;
import io.github.mssqlk8s.testing.TestResources;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.assertj.core.api.InstanceOfAssertFactories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisor against fabric8's mock API server, with {@code fake-ag-agent.sh} as its child: each test
 * supervises its own SqlServer and AG names.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(SupervisorMockTest.FakeChildren.class)
class SupervisorMockTest {

    /** A fixed path: the profile and the test may live in different class loaders. */
    static final Path CONTROL = Path.of("target/fake-ag-agent-control").toAbsolutePath();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String HARNESS_AGENT = "test-harness";
    private static final Duration MAX_RESTART_DELAY = Duration.ofMillis(400);
    private static final Duration STOP_GRACE_PERIOD = Duration.ofSeconds(3);

    public static class FakeChildren implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path script = Path.of("src/test/resources/fake-ag-agent.sh").toAbsolutePath();
            return Map.of(
                    "mssql.k8s.supervisor.child-command", "sh," + script + "," + CONTROL,
                    "mssql.k8s.supervisor.stop-grace-period", STOP_GRACE_PERIOD.toMillis() + "ms",
                    "mssql.k8s.supervisor.restart-delay", "50ms",
                    "mssql.k8s.supervisor.max-restart-delay", MAX_RESTART_DELAY.toMillis() + "ms",
                    // Never steady within a test, so the backoff is seen to grow to its cap.
                    "mssql.k8s.supervisor.steady-run-time", "1h",
                    // Other builds on this machine may hold the default test port.
                    "quarkus.http.test-port", "0");
        }
    }

    /** The supervisor's client (the application's); the test itself uses {@link #client}, told apart by User-Agent. */
    @Inject
    KubernetesClient supervisorClient;

    @Inject
    AgAgentSupervisor supervisor;

    @KubernetesTestServer
    KubernetesServer server;

    private final RecordingLineSink output = new RecordingLineSink();
    private KubernetesClient client;
    private String namespace;
    private String sqlServerName;

    @BeforeEach
    void prepare() throws IOException {
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(supervisorClient.getConfiguration())
                .withUserAgent(HARNESS_AGENT).build()).build();
        namespace = client.getNamespace();
        MockCluster.installCrd(client);
        QuarkusMock.installMockForType(output, ConsoleLineSink.class);
        Files.createDirectories(CONTROL);
    }

    /** Every request the supervisor made is one the agents' Role (which the operator deploys) allows. */
    @AfterEach
    void cleanUpAndAuditTheSupervisorsRequests() throws IOException, InterruptedException {
        supervisor.stop();
        if (sqlServerName != null) {
            client.resources(SqlServer.class).inNamespace(namespace).withName(sqlServerName).delete();
        }
        client.close();
        try (Stream<Path> files = Files.list(CONTROL)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        List<RbacAudit.ApiRequest> requests = RbacAudit.drain(server, supervisorClient.getConfiguration().getUserAgent());
        List<PolicyRule> rules = AgentRbac.agentsRole(TestResources.sqlServer(sqlServerName, namespace)).getRules();
        assertThat(requests).isNotEmpty();
        assertThat(requests).allSatisfy(request -> assertThat(RbacAudit.allowed(request, rules))
                .as("the agents' Role allows " + request).isTrue());
    }

    @Test
    void startsOneChildPerListedGroupAndPrefixesItsOutput() {
        supervise("sup-start", "ag-a", "ag-b");

        awaitRunning("ag-a", "ag-b");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(output.out()).contains("[ag-a] serving ag-a", "[ag-b] serving ag-b");
            assertThat(output.err()).contains("[ag-a] diagnostics for ag-a", "[ag-b] diagnostics for ag-b");
        });
    }

    @Test
    void restartsACrashedChildWithGrowingBackoff() throws IOException {
        supervise("sup-crash", "ag-crash");
        long firstPid = awaitRunning("ag-crash").pid().getAsLong();

        Files.createFile(CONTROL.resolve("ag-crash.crash"));
        ProcessHandle.of(firstPid).ifPresent(ProcessHandle::destroyForcibly);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(status("ag-crash")).hasValueSatisfying(child -> {
            assertThat(child.restarts()).isGreaterThanOrEqualTo(4);
            assertThat(child.restartDelay()).isEqualTo(MAX_RESTART_DELAY);
            assertThat(child.lastExitCode()).hasValue(3);
        }));
        assertThat(output.out()).contains("[ag-crash] crashing");

        Files.delete(CONTROL.resolve("ag-crash.crash"));
        ChildStatus recovered = awaitRunning("ag-crash");
        assertThat(recovered.pid()).isNotEqualTo(firstPid);
        assertThat(recovered.restartDelay()).isLessThanOrEqualTo(MAX_RESTART_DELAY);
    }

    @Test
    void aGroupRemovedFromTheListHasItsChildStoppedWithSigterm() {
        supervise("sup-remove", "ag-keep", "ag-drop");
        long keepPid = awaitRunning("ag-keep").pid().getAsLong();
        long dropPid = awaitRunning("ag-drop").pid().getAsLong();

        listGroups("ag-keep");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(status("ag-drop")).isEmpty());
        assertThat(ProcessHandle.of(dropPid).filter(ProcessHandle::isAlive)).isEmpty();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(output.out()).contains("[ag-drop] got TERM"));
        assertThat(output.out()).doesNotContain("[ag-keep] got TERM");
        assertThat(awaitRunning("ag-keep").pid()).hasValue(keepPid);
    }

    @Test
    void aChildThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws IOException {
        Files.createFile(CONTROL.resolve("ag-stubborn.stubborn"));
        supervise("sup-stubborn", "ag-stubborn");
        long pid = awaitRunning("ag-stubborn").pid().getAsLong();

        listGroups();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(output.out()).contains("[ag-stubborn] ignoring TERM"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(status("ag-stubborn")).isEmpty());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void aGroupAddedToTheListGetsAChild() {
        supervise("sup-add", "ag-first");
        long firstPid = awaitRunning("ag-first").pid().getAsLong();

        listGroups("ag-first", "ag-second");

        awaitRunning("ag-second");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(output.out()).contains("[ag-second] serving ag-second"));
        assertThat(awaitRunning("ag-first").pid()).hasValue(firstPid);
    }

    @Test
    void shutdownSendsSigtermToEveryChildAndWaitsForThem() {
        supervise("sup-shutdown", "ag-x", "ag-y");
        List<Long> pids = List.of(awaitRunning("ag-x").pid().getAsLong(), awaitRunning("ag-y").pid().getAsLong());

        supervisor.stop();

        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(output.out()).contains("[ag-x] got TERM", "[ag-y] got TERM"));
        assertThat(supervisor.statuses()).isEmpty();
    }

    @Test
    void aDeletedResourceStopsEveryChildAndAMissingOneIsWaitedFor() {
        sqlServerName = "sup-late";
        supervisor.start(namespace, sqlServerName);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(readinessCheck().get("data"))
                .asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("resource", "not found"));

        client.resource(TestResources.sqlServer(sqlServerName, namespace, AvailabilityGroupRef.named("ag-late"))).create();
        long pid = awaitRunning("ag-late").pid().getAsLong();

        client.resources(SqlServer.class).inNamespace(namespace).withName(sqlServerName).delete();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(supervisor.statuses()).isEmpty());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void aResourceThatCannotBeReadIsRetried() {
        server.expect().get()
                .withPath("/apis/mssql.microsoft.com/v1/namespaces/" + namespace
                        + "/sqlservers?fieldSelector=metadata.name%3Dsup-forbidden&resourceVersion=0")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("sqlservers.mssql.microsoft.com is forbidden").build())
                .times(2);

        supervise("sup-forbidden", "ag-f");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(readinessCheck()).containsEntry("status", "DOWN")
                .extractingByKey("data").asInstanceOf(InstanceOfAssertFactories.MAP)
                .hasEntrySatisfying("resource", state -> assertThat(state).asString().startsWith("unreadable: ")));
        awaitRunning("ag-f");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(readinessCheck()).containsEntry("status", "UP")
                .extractingByKey("data").asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("resource", "read"));
    }

    @Test
    void readinessListsEachChildAndLivenessAnswersForTheSupervisor() {
        supervise("sup-health", "ag-h");
        long pid = awaitRunning("ag-h").pid().getAsLong();

        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, Object> check = readinessCheck();
            assertThat(check).containsEntry("status", "UP");
            assertThat(check.get("data")).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("sqlServer", namespace + "/sup-health")
                    .containsEntry("ag-h.state", "running")
                    .containsEntry("ag-h.pid", (int) pid)
                    .containsEntry("ag-h.restarts", 0);
        });
        assertThat(check("/q/health/live")).containsEntry("status", "UP");
    }

    @Test
    void metricsServeTheSupervisorsMetersAndEachRunningChildsLabelledWithItsAg() throws IOException {
        supervise("sup-metrics", "ag-m1", "ag-m2", "ag-silent");
        awaitRunning("ag-m1", "ag-m2", "ag-silent");
        // The fake children serve nothing: the test answers on the address each was given, as an ag-agent would.
        HttpServer first = serveAsChild("ag-m1", ReplicaRole.PRIMARY);
        HttpServer second = serveAsChild("ag-m2", ReplicaRole.SECONDARY);
        try {
            String text = given().when().get("/q/metrics").then().statusCode(200)
                    .contentType(startsWith("text/plain; version=0.0.4")).extract().asString();

            PrometheusScrape scrape = PrometheusScrape.parse(text);
            assertThat(scrape.seriesWith("mssql_ag_role{", "ag=\"ag-m1\"", "role=\"primary\"")).containsValue(1.0);
            assertThat(scrape.seriesWith("mssql_ag_role{", "ag=\"ag-m2\"", "role=\"secondary\"")).containsValue(1.0);
            assertThat(scrape.seriesWith("jvm_threads_live_threads{", "ag=\"ag-m1\"")).hasSize(1);
            assertThat(scrape.seriesWith("jvm_threads_live_threads{", "ag=\"ag-m2\"")).hasSize(1);
            assertThat(scrape.series()).as("the supervisor's own meters, without an ag").containsKey("jvm_threads_live_threads");
            String failures = "mssql_ag_supervisor_child_scrape_failures_total{";
            assertThat(scrape.seriesWith(failures, "ag=\"ag-silent\"")).containsValue(1.0);
            assertThat(scrape.seriesWith(failures, "ag=\"ag-m1\"")).containsValue(0.0);
            assertThat(scrape.seriesWith("ag=\"ag-silent\"")).as("nothing else of the child that did not answer")
                    .hasSize(1);
        } finally {
            first.stop(0);
            second.stop(0);
        }
    }

    /** Serves what a child's {@code /q/metrics} says, at the loopback address its supervisor gave it. */
    private static HttpServer serveAsChild(String group, ReplicaRole role) throws IOException {
        String[] address = Files.readString(CONTROL.resolve(group + ".http")).strip().split(":");
        assertThat(address[0]).as("the child's HTTP host").isEqualTo("127.0.0.1");
        HttpServer server = HttpServer.create(new InetSocketAddress(address[0], Integer.parseInt(address[1])), 0);
        byte[] body = ChildExposition.of(group, role).getBytes(StandardCharsets.UTF_8);
        server.createContext("/q/metrics", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private void supervise(String name, String... groups) {
        sqlServerName = name;
        client.resource(TestResources.sqlServer(name, namespace,
                Arrays.stream(groups).map(AvailabilityGroupRef::named).toArray(AvailabilityGroupRef[]::new))).create();
        supervisor.start(namespace, name);
    }

    private void listGroups(String... groups) {
        client.resources(SqlServer.class).inNamespace(namespace).withName(sqlServerName).edit(sqlServer -> {
            sqlServer.getSpec().setAvailabilityGroups(
                    Arrays.stream(groups).map(AvailabilityGroupRef::named).collect(Collectors.toList()));
            return sqlServer;
        });
    }

    /** Running, and past the script's {@code trap}: a SIGTERM from now on is seen by it. */
    private ChildStatus awaitRunning(String group) {
        await().atMost(PATIENCE).until(() -> output.out().contains("[" + group + "] serving " + group));
        return await().atMost(PATIENCE).until(() -> status(group),
                child -> child.isPresent() && child.get().state() == ChildState.RUNNING).orElseThrow();
    }

    private void awaitRunning(String... groups) {
        Arrays.stream(groups).forEach(this::awaitRunning);
    }

    private Optional<ChildStatus> status(String group) {
        return supervisor.statuses().stream().filter(child -> child.group().equals(group)).findFirst();
    }

    private Map<String, Object> readinessCheck() {
        return check("/q/health/ready");
    }

    /** The supervisor's entry of a health endpoint (other extensions may report there too). */
    private Map<String, Object> check(String path) {
        List<Map<String, Object>> checks = given().when().get(path).then().extract().jsonPath().getList("checks");
        return checks.stream().filter(check -> Supervision.CHECK_NAME.equals(check.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + Supervision.CHECK_NAME + " check in " + checks));
    }
}
