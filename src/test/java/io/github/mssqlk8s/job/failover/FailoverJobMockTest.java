package io.github.mssqlk8s.job.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.mssqlk8s.config.FailoverSettings;
import io.github.mssqlk8s.ha.AvailabilityMode;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.ha.SynchronizationState;
import io.github.mssqlk8s.kube.FailoverRequestEntry;
import io.github.mssqlk8s.resources.AgentRbac;
import io.github.mssqlk8s.testing.AgFixture;
import io.github.mssqlk8s.testing.RbacAudit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The failover Job's workflow against fabric8's mock API server, with pretend agents ({@link AgFixture}) answering
 * its requests. Every API request the Job makes is checked against the preview's three-rule Role.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class FailoverJobMockTest {

    private static final String JOB_AGENT = "failover-job-under-test";
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    static KubernetesClient client;
    static KubernetesMockServer server;

    private final String namespace = "failover-" + NAMESPACES.incrementAndGet();
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final List<AgFixture> fixtures = new ArrayList<>();
    private final List<String> groupsUsed = new ArrayList<>();

    record Settings(Duration timeout, Duration pollInterval, Duration reportStaleAfter) implements FailoverSettings {
    }

    private static final Settings SETTINGS = new Settings(Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofSeconds(30));

    private AgFixture ag(String name) {
        AgFixture fixture = new AgFixture(client, namespace, name);
        fixtures.add(fixture);
        groupsUsed.add(name);
        return fixture;
    }

    private int job(String availabilityGroup, String newPrimary, boolean allowDataLoss) {
        return job(availabilityGroup, newPrimary, allowDataLoss, SETTINGS);
    }

    private int job(String availabilityGroup, String newPrimary, boolean allowDataLoss, Settings settings) {
        try (KubernetesClient jobClient = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(JOB_AGENT).build()).build()) {
            FailoverWorkflow.Console console = new FailoverWorkflow.Console() {
                @Override
                public void step(String line) {
                    out.add(line);
                }

                @Override
                public void failure(String line) {
                    err.add(line);
                }
            };
            return new FailoverWorkflow(jobClient, namespace, settings, Clock.systemUTC(), console)
                    .run(new FailoverWorkflow.Request(availabilityGroup, newPrimary, allowDataLoss, "failover-x7k2p"));
        }
    }

    /** Every request the Job made is one the preview's Role for the Job allows (for each AG the test used). */
    @AfterEach
    void auditTheJobsRequests() throws InterruptedException {
        fixtures.forEach(AgFixture::close);
        List<RbacAudit.ApiRequest> requests = RbacAudit.drain(server, JOB_AGENT);
        assertThat(requests).isNotEmpty();
        List<PolicyRule> rules = groupsUsed.stream().flatMap(g -> AgentRbac.failoverJobRole(g).getRules().stream()).toList();
        assertThat(requests).allSatisfy(request -> assertThat(RbacAudit.allowed(request, rules))
                .as("the failover Job's Role allows " + request).isTrue());
    }

    @Test
    void aSwitchoverToATargetNamedByPodIpEndsWithTheTargetPrimaryAndExitZero() {
        ag("ag1").threeReplicas("mssql").agents(AgFixture.Agents.FAIL_OVER);

        int exit = job("ag1", "10.0.0.2", false);

        assertThat(err).isEmpty();
        assertThat(exit).isZero();
        assertThat(out.get(0)).isEqualTo("target: failover to mssql2, which is synchronized");
        assertThat(out.get(1)).startsWith("request ").endsWith(" written: failover to mssql2, primary now mssql1");
        // Which role and label changes a poll catches depends on timing (FailoverProgressTest covers them); the
        // agents' outcome is always reported.
        assertThat(out).contains("agents: succeeded: mssql2 is primary");
        assertThat(out.get(out.size() - 1)).startsWith("done in ")
                .endsWith(": mssql2 is the primary and the only pod labelled primary; mssql1 is a secondary");
        FailoverRequestEntry written = fixtures.get(0).configMap().read().request();
        assertThat(written.requested()).isEqualTo("10.0.0.2");
        assertThat(written.target()).isEqualTo("mssql2");
        assertThat(written.forced()).isFalse();
        assertThat(written.requestedBy()).isEqualTo("failover-x7k2p");
    }

    @Test
    void theOnlyAgOfTheNamespaceNeedsNoNameAndExclusionPicksAnotherSecondary() {
        ag("agx").threeReplicas("sqlx").agents(AgFixture.Agents.FAIL_OVER);

        int exit = job(null, "!sqlx2", false);

        assertThat(err).isEmpty();
        assertThat(exit).isZero();
        assertThat(out.get(0)).isEqualTo("availability group agx (the only one in namespace " + namespace + ")");
        assertThat(out.get(1)).isEqualTo("target: failover to sqlx3, the best synchronized secondary other than sqlx2");
    }

    @Test
    void severalAgsWithoutANameAreRefusedListingThem() {
        ag("ag-a").synchronousSecondary("sqla1", 1);
        ag("ag-b").synchronousSecondary("sqlb1", 2);

        assertThat(job("", null, false)).isEqualTo(1);

        assertThat(err).containsExactly("find availability group: namespace " + namespace
                + " has several (ag-a, ag-b); set MSSQL_K8S_AG_NAME to one of them");
    }

    @Test
    void anUnknownTargetIsRefusedInOneLineListingTheValidOnesAndNothingIsWritten() {
        ag("ag2").threeReplicas("mssql");

        assertThat(job("ag2", "mssql9", false)).isEqualTo(1);

        assertThat(err).containsExactly("refused: unknown failover target 'mssql9'; valid targets: "
                + "mssql2 (pod mssql2-0, 10.0.0.2), mssql3 (pod mssql3-0, 10.0.0.3)");
        assertThat(fixtures.get(0).configMap().read().request()).isNull();
    }

    @Test
    void anUnsynchronizedTargetIsRefusedUnlessDataLossIsAllowedThenTheFailoverIsForcedAndSaysSo() {
        AgFixture ag = ag("ag3").threeReplicas("mssql")
                .replica("mssql3", 3, AvailabilityMode.SYNCHRONOUS_COMMIT, ReplicaRole.SECONDARY,
                        SynchronizationState.SYNCHRONIZING, 40);

        assertThat(job("ag3", "mssql3", false)).isEqualTo(1);
        assertThat(err).singleElement().asString().isEqualTo("refused: mssql3 is not synchronized (salesdb: SYNCHRONIZING); "
                + "set FORCE_FAILOVER_ALLOW_DATA_LOSS=true to fail over with possible data loss");
        assertThat(ag.configMap().read().request()).isNull();

        ag.agents(AgFixture.Agents.FAIL_OVER);
        err.clear();
        assertThat(job("ag3", "mssql3", true)).isZero();

        assertThat(err).isEmpty();
        assertThat(out).contains("forced failover: data may have been lost. mssql3 was not synchronized "
                + "(salesdb: SYNCHRONIZING), sequence number 40; the last primary mssql1 had sequence number 42 "
                + "(mssql3 had missed 2 configuration changes). Transactions committed on the old primary after the "
                + "target's last hardened log are lost; check recent writes");
        assertThat(out.get(out.size() - 1)).endsWith("; it was a forced failover: data may have been lost");
        assertThat(ag.configMap().read().request().forced()).isTrue();
    }

    @Test
    void anAsynchronousOrConfigurationOnlyTargetIsRefused() {
        ag("ag4").threeReplicas("mssql")
                .replica("dr", 7, AvailabilityMode.ASYNCHRONOUS_COMMIT, ReplicaRole.SECONDARY, SynchronizationState.SYNCHRONIZING, 42)
                .replica("witness", 8, AvailabilityMode.CONFIGURATION_ONLY, ReplicaRole.SECONDARY, SynchronizationState.SYNCHRONIZED, 42);

        assertThat(job("ag4", "dr-0", true)).isEqualTo(1);
        assertThat(job("ag4", "witness", false)).isEqualTo(1);

        assertThat(err).containsExactly(
                "refused: dr is asynchronous-commit; only synchronous-commit replicas can become primary by failover; "
                        + "valid targets: mssql2 (pod mssql2-0, 10.0.0.2), mssql3 (pod mssql3-0, 10.0.0.3)",
                "refused: witness is configuration-only; only synchronous-commit replicas can become primary by failover; "
                        + "valid targets: mssql2 (pod mssql2-0, 10.0.0.2), mssql3 (pod mssql3-0, 10.0.0.3)");
    }

    @Test
    void aSecondRequestWhileOneIsInFlightIsRefused() {
        AgFixture ag = ag("ag5").threeReplicas("mssql");
        FailoverRequestEntry first = new FailoverRequestEntry("r-1", "mssql2", "mssql2", false, Instant.now(), "failover-first");
        assertThat(ag.configMap().submitRequest(first, Instant.now(), Duration.ofSeconds(120)).submitted()).isTrue();

        assertThat(job("ag5", "mssql3", false)).isEqualTo(1);

        assertThat(err).singleElement().asString().startsWith("refused: a failover to mssql2 requested at ")
                .endsWith(" is still in progress; wait for it to finish");
        assertThat(ag.configMap().read().request().id()).isEqualTo("r-1");
    }

    @Test
    void theAgentsRefusalEndsTheJobWithTheirReason() {
        ag("ag6").threeReplicas("mssql").agents(AgFixture.Agents.REFUSE);

        assertThat(job("ag6", "mssql2", false)).isEqualTo(1);

        assertThat(err).containsExactly("follow: the agents refused the failover to mssql2: "
                + "SQL Server refused: the target's databases are not synchronized (41142)");
    }

    @Test
    void withoutAnAnswerTheJobTimesOutNamingWhatIsMissing() {
        ag("ag7").threeReplicas("mssql").agents(AgFixture.Agents.IGNORE);

        assertThat(job("ag7", "mssql2", false, new Settings(Duration.ofMillis(600), Duration.ofMillis(50),
                Duration.ofSeconds(30)))).isEqualTo(1);

        assertThat(err).containsExactly("follow: timed out after 0.6s waiting for the agents to report success "
                + "(outcome: none yet), mssql2 to report PRIMARY (reports SECONDARY), mssql2's pod to be labelled primary, "
                + "the primary label to leave mssql1, mssql1 to report SECONDARY (reports PRIMARY)");
    }

    @Test
    void aMissingConfigMapIsNamed() {
        groupsUsed.add("nosuchag");

        assertThat(job("nosuchag", "mssql2", false)).isEqualTo(1);

        assertThat(err).containsExactly("read ConfigMap: ConfigMap nosuchag not found in namespace " + namespace
                + ": no agents of availability group nosuchag have reported; check the AG name");
    }
}
