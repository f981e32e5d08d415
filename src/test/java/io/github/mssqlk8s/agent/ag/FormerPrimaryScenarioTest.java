package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A former primary comes back RESOLVING and is made a secondary of the new primary, never primary again. */
@EnableKubernetesMockClient(crud = true, https = false)
class FormerPrimaryScenarioTest {

    static KubernetesClient client;

    @Test
    void formerPrimaryReturnsAsSecondary() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agformer", List.of("former1", "former2", "former3"))) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();

            Instant fault = h.podLost(primary);
            String next = h.awaitPrimaryOtherThan(primary);
            h.printFailoverTime("former primary: pod lost", fault, primary);

            h.podReturns(primary);
            await().atMost(Duration.ofSeconds(30)).until(() -> h.instance(primary).role("agformer")
                    .filter("SECONDARY"::equals).isPresent());
            h.awaitSynchronized();
            assertThat(h.configMap().reports().get(primary).role()).isEqualTo(ReplicaRole.SECONDARY);
            assertThat(h.primaryRoute()).containsExactly(next);
            assertThat(h.sqlPrimaries()).containsExactly(next);
            h.assertSafe();
        }
    }
}
