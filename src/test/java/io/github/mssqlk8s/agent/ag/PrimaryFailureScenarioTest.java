package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.kube.LastFailover;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The primary fails three ways; a synchronized secondary takes over, no acknowledged write is lost and there are
 * never two writable primaries, also once a hung former primary wakes up.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class PrimaryFailureScenarioTest {

    static KubernetesClient client;

    @Test
    void primarySqlCrashWithItsAgentAlive() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agcrash", List.of("crash1", "crash2", "crash3"))) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();

            Instant fault = h.crashSql(primary);
            String next = h.awaitPrimaryOtherThan(primary);
            h.printFailoverTime("primary SQL crash", fault, primary);

            LastFailover last = h.configMap().leader().lastFailover();
            assertThat(last.from()).isEqualTo(primary);
            assertThat(last.to()).isEqualTo(next);
            assertThat(last.kind()).isEqualTo(LastFailover.Kind.AUTOMATIC);
            assertMetersOfAnAutomaticFailover(h.meters(next), h.meters(primary));
            h.assertSafe();
        }
    }

    /** What the issue asks the agents' meters to show: roles, the Lease, decisions, failovers, write-lease renewals. */
    private static void assertMetersOfAnAutomaticFailover(MeterRegistry promoted, MeterRegistry former) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(promoted.get("mssql.ag.role").tag("role", "primary").gauge().value()).isEqualTo(1.0);
            assertThat(promoted.get("mssql.ag.role").tag("role", "secondary").gauge().value()).isZero();
            assertThat(promoted.get("mssql.ag.lease.held").gauge().value()).isEqualTo(1.0);
            assertThat(promoted.get("mssql.ag.write.lease.renewals").tag("result", "renewed").counter().count()).isPositive();
            assertThat(former.get("mssql.ag.role").tag("role", "primary").gauge().value()).isZero();
            assertThat(former.get("mssql.ag.lease.held").gauge().value()).isZero();
        });
        assertThat(promoted.get("mssql.ag.failovers").tag("kind", "automatic").counter().count()).isEqualTo(1.0);
        assertThat(promoted.get("mssql.ag.failovers").tag("kind", "planned").counter().count()).isZero();
        assertThat(promoted.get("mssql.ag.decisions").tag("decision", "Promote").counter().count()).isGreaterThanOrEqualTo(1.0);
        assertThat(promoted.get("mssql.ag.lease.renewals").tag("result", "renewed").counter().count()).isPositive();
        assertThat(former.get("mssql.ag.failovers").tag("kind", "automatic").counter().count()).isZero();
    }

    @Test
    void primaryHang() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "aghang", List.of("hang1", "hang2", "hang3"))) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();

            Instant fault = h.hangSql(primary);
            h.awaitPrimaryOtherThan(primary);
            h.printFailoverTime("primary hang", fault, primary);

            // the hung instance wakes up: its write lease has run out, and it is made a secondary
            h.unhangSql(primary);
            await().atMost(Duration.ofSeconds(30)).until(() -> h.instance(primary).role("aghang")
                    .filter("SECONDARY"::equals).isPresent());
            h.assertSafe();
        }
    }

    @Test
    void primaryPodLostWithItsAgent() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "aglost", List.of("lost1", "lost2", "lost3"))) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();

            Instant fault = h.podLost(primary);
            h.awaitPrimaryOtherThan(primary);
            h.printFailoverTime("primary pod lost with its agent (Lease expiry)", fault, primary);
            h.assertSafe();
        }
    }
}
