package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two synchronous replicas without a witness (RSSTC 0): the quorum is 2 of 2, so the primary's own live answer
 * is needed (contract §6, as SQL Server's Pacemaker agent). When its SQL Server crashes, the secondary is never
 * promoted on the dead primary's last known sequence number (review F2): it may have committed alone after the
 * secondary fell behind. Once the instance is back and answers, the AG has a primary again.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class TwoReplicaScenarioTest {

    static KubernetesClient client;

    @Test
    void twoReplicaAvailabilityGroupWaitsForTheCrashedPrimarysLiveAnswer() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agtwo", List.of("two1", "two2"))) {
            String primary = h.awaitBootstrapped();
            String secondary = primary.equals("two1") ? "two2" : "two1";
            h.startWriterAndMonitor();
            assertThat(h.scalarOn(primary, "SELECT required_synchronized_secondaries_to_commit FROM sys.availability_groups"))
                    .isEqualTo(0);

            h.crashSql(primary);
            // two Lease durations: time enough for the secondary to be promoted, were a cached number to vote
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12))
                    .until(() -> !h.sqlPrimaries().contains(secondary));

            h.startSql(primary);
            await().atMost(Duration.ofSeconds(30)).until(() -> h.sqlPrimaries().size() == 1);
            h.assertSafe();
        }
    }
}
