package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.ha.ReplicaReport;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * F2: an agent whose SQL Server cannot be read reports no sequence number. A number kept from an earlier read
 * could be older than the configuration its replica is really at, and must never vote for a promotion.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class UnreachableSqlReportScenarioTest {

    static KubernetesClient client;

    @Test
    void unreadableSqlReportsNoSequenceNumber() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agunread", List.of("unread1", "unread2", "unread3"))) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();
            h.awaitSynchronized();
            String secondary = List.of("unread1", "unread2", "unread3").stream().filter(n -> !n.equals(primary))
                    .findFirst().orElseThrow();
            assertThat(h.configMap().reports().get(secondary).sequenceNumber()).isNotNull();

            h.hangSql(secondary);

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                ReplicaReport report = h.configMap().reports().get(secondary);
                return report != null && report.role() == ReplicaRole.UNKNOWN;
            });
            ReplicaReport unreachable = h.configMap().reports().get(secondary);
            assertThat(unreachable.sequenceNumber()).as("a sequence number not read this tick").isNull();
            h.unhangSql(secondary);
            await().atMost(Duration.ofSeconds(30)).until(() -> h.configMap().reports().get(secondary).sequenceNumber() != null);
            h.assertSafe();
        }
    }
}
