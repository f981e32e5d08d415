package io.github.mssqlk8s.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.api.SqlServerStatus;
import io.github.mssqlk8s.ha.AvailabilityMode;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.ha.SynchronizationState;
import io.github.mssqlk8s.kube.FailoverOutcomeEntry;
import io.github.mssqlk8s.kube.FailoverRequestEntry;
import io.github.mssqlk8s.kube.LastFailover;
import io.github.mssqlk8s.testing.AgFixture;
import io.github.mssqlk8s.testing.TestResources;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code kubectl mssql status} against the mock API server holding a fixture AG: the table and the JSON. */
@EnableKubernetesMockClient(crud = true, https = false)
class StatusCommandMockTest {

    private static final String NAMESPACE = "status-ns";
    private static final Instant REPORTED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant NOW = REPORTED.plusSeconds(3);

    static KubernetesClient client;

    /**
     * ag1: mssql2 primary since a planned failover from mssql1; mssql1 synchronized; mssql3 behind; dr asynchronous;
     * the request that moved it succeeded. ag2: one replica, for the "every AG" listing.
     */
    @BeforeAll
    static void fixture() {
        AgFixture ag1 = new AgFixture(client, NAMESPACE, "ag1").withClock(Clock.fixed(REPORTED, ZoneOffset.UTC));
        ag1.replica("mssql1", 1, AvailabilityMode.SYNCHRONOUS_COMMIT, ReplicaRole.SECONDARY, SynchronizationState.SYNCHRONIZED, 43)
                .replica("mssql2", 2, AvailabilityMode.SYNCHRONOUS_COMMIT, ReplicaRole.PRIMARY, SynchronizationState.SYNCHRONIZED, 43)
                .replica("mssql3", 3, AvailabilityMode.SYNCHRONOUS_COMMIT, ReplicaRole.SECONDARY, SynchronizationState.SYNCHRONIZING, 42)
                .replica("dr", 7, AvailabilityMode.ASYNCHRONOUS_COMMIT, ReplicaRole.SECONDARY, SynchronizationState.SYNCHRONIZING, 43)
                .leader("mssql2", "mssql2", new LastFailover(REPORTED.minusSeconds(90), "mssql1", "mssql2",
                        LastFailover.Kind.PLANNED, "requested by failover-x7k2p"),
                        Map.of("mssql3", "salesdb: SYNCHRONIZING", "dr", "asynchronous-commit"));
        FailoverRequestEntry request = new FailoverRequestEntry("r-1", "mssql2", "mssql2", false,
                REPORTED.minusSeconds(95), "failover-x7k2p");
        ag1.configMap().submitRequest(request, REPORTED.minusSeconds(95), Duration.ofSeconds(120));
        ag1.configMap().publishOutcome(new FailoverOutcomeEntry("r-1", FailoverOutcomeEntry.State.SUCCEEDED,
                "mssql2 is primary", REPORTED.minusSeconds(90)));
        client.leases().inNamespace(NAMESPACE).resource(new LeaseBuilder()
                .withNewMetadata().withName("ag1-leader").endMetadata()
                .withNewSpec().withHolderIdentity("mssql2").withLeaseDurationSeconds(10)
                .withAcquireTime(ZonedDateTime.ofInstant(REPORTED.minusSeconds(92), ZoneOffset.UTC))
                .withRenewTime(ZonedDateTime.ofInstant(REPORTED.minusSeconds(1), ZoneOffset.UTC))
                .withLeaseTransitions(4).endSpec()
                .build()).create();
        new AgFixture(client, NAMESPACE, "ag2").withClock(Clock.fixed(REPORTED, ZoneOffset.UTC))
                .replica("solo", 9, AvailabilityMode.SYNCHRONOUS_COMMIT, ReplicaRole.PRIMARY, SynchronizationState.SYNCHRONIZED, 7);
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result status(String... args) {
        StatusCommand command = new StatusCommand();
        command.client = client;
        command.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void theTableShowsTheTopologyAtAGlance() {
        Result result = status("-n", NAMESPACE, "--ag", "ag1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo("""
                AG ag1   primary: mssql2   lease: held by mssql2, renewed 4s ago
                last failover: 93s ago planned mssql1 -> mssql2: requested by failover-x7k2p
                last request: to mssql2 succeeded 93s ago: mssql2 is primary
                REPLICA  POD       IP        ROLE       LABEL      MODE                SYNC                   SEQ  HEALTH   REPORTED  NOT PROMOTED
                dr       dr-0      10.0.0.7  SECONDARY  secondary  asynchronousCommit  salesdb:SYNCHRONIZING  43   healthy  3s ago    asynchronous-commit
                mssql1   mssql1-0  10.0.0.1  SECONDARY  secondary  synchronousCommit   SYNCHRONIZED           43   healthy  3s ago    -
                mssql2   mssql2-0  10.0.0.2  PRIMARY    primary    synchronousCommit   SYNCHRONIZED           43   healthy  3s ago    -
                mssql3   mssql3-0  10.0.0.3  SECONDARY  secondary  synchronousCommit   salesdb:SYNCHRONIZING  42   healthy  3s ago    salesdb: SYNCHRONIZING
                """);
    }

    @Test
    void aRolloutInProgressIsShownAboveTheAgs() {
        SqlServer member = TestResources.sqlServer("mssql1", "rolling-ns", AvailabilityGroupRef.named("agr"));
        member.setStatus(new SqlServerStatus());
        Conditions.set(member.getStatus().getConditions(), Conditions.ROLLOUT_PAUSED, false, "Rolling",
                "waiting: mssql2 is not SYNCHRONIZED in agr (this rollout so far: 1 restarts, 0 switchovers)", 1L, NOW);
        client.resource(member).create();

        Result result = status("-n", "rolling-ns");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("rollout: rolling: waiting: mssql2 is not SYNCHRONIZED in agr"
                + " (this rollout so far: 1 restarts, 0 switchovers)\n");
        assertThat(status("-n", NAMESPACE).out()).doesNotContain("rollout:");
    }

    @Test
    void withoutAnAgNameEveryAgOfTheNamespaceIsShown() {
        Result result = status("-n", NAMESPACE);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("AG ag1   primary: mssql2", "\nAG ag2   primary: none known   lease: not held\n",
                "solo     solo-0  10.0.0.9  PRIMARY  primary");
    }

    @Test
    void theJsonIsCompleteAndSpelledAsTheProtocol() throws Exception {
        Result result = status("-n", NAMESPACE, "--ag", "ag1", "-o", "json");

        assertThat(result.exitCode()).isZero();
        JsonNode root = new ObjectMapper().readTree(result.out());
        assertThat(root.get("namespace").asText()).isEqualTo(NAMESPACE);
        JsonNode ag = root.get("availabilityGroups").get(0);
        assertThat(ag.get("name").asText()).isEqualTo("ag1");
        assertThat(ag.get("lease").get("holder").asText()).isEqualTo("mssql2");
        assertThat(ag.get("lease").get("renewTime").asText()).isEqualTo("2026-03-01T09:59:59Z");
        assertThat(ag.get("lease").get("leaseTransitions").asInt()).isEqualTo(4);
        assertThat(ag.get("leader").get("lastFailover").get("kind").asText()).isEqualTo("planned");
        assertThat(ag.get("leader").get("notPromoted").get("mssql3").asText()).isEqualTo("salesdb: SYNCHRONIZING");
        assertThat(ag.get("request").get("requestedBy").asText()).isEqualTo("failover-x7k2p");
        assertThat(ag.get("outcome").get("state").asText()).isEqualTo("succeeded");
        assertThat(ag.get("requestInFlight").asBoolean()).isFalse();
        assertThat(ag.get("replicas")).hasSize(4);
        JsonNode mssql3 = ag.get("replicas").get(3);
        assertThat(mssql3.get("name").asText()).isEqualTo("mssql3");
        assertThat(mssql3.get("pod").get("ip").asText()).isEqualTo("10.0.0.3");
        assertThat(mssql3.get("pod").get("roleLabel").asText()).isEqualTo("secondary");
        assertThat(mssql3.get("report").get("sequenceNumber").asLong()).isEqualTo(42);
        assertThat(mssql3.get("report").get("databases").get("salesdb").asText()).isEqualTo("SYNCHRONIZING");
        assertThat(mssql3.get("report").get("health").get("status").asText()).isEqualTo("HEALTHY");
        assertThat(mssql3.get("report").get("reportedAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(mssql3.get("notPromoted").asText()).isEqualTo("salesdb: SYNCHRONIZING");
        assertThat(ag.get("replicas").get(2).get("report").get("role").asText()).isEqualTo("PRIMARY");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Result result = status("-n", NAMESPACE, "-o", "yaml");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value for option '--output'", "table, json");
    }
}
