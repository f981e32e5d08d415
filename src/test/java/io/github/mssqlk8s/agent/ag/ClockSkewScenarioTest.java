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
 * F1: no time is compared across pods (contract §6). A healthy primary whose clock runs 30 s behind its peers',
 * and a secondary whose clock runs 30 s ahead, change nothing: nobody takes the Lease from the primary.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ClockSkewScenarioTest {

    static KubernetesClient client;

    @Test
    void skewedClocksNeverTakeTheLeaseFromAHealthyPrimary() throws Exception {
        List<String> names = List.of("skew1", "skew2", "skew3");
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agskew", names)) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();
            h.awaitSynchronized();
            String secondary = names.stream().filter(n -> !n.equals(primary)).findFirst().orElseThrow();

            h.skewClock(primary, Duration.ofSeconds(-30));
            h.skewClock(secondary, Duration.ofSeconds(30));

            // three Lease durations of the scenario timing
            await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(20))
                    .until(() -> h.sqlPrimaries().equals(List.of(primary)));
            assertThat(h.primaryRoute()).containsExactly(primary);
            h.skewClock(primary, Duration.ZERO);
            h.skewClock(secondary, Duration.ZERO);
            h.assertSafe();
        }
    }
}
