package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.kube.AgConfigMap;
import io.github.mssqlk8s.kube.FailoverOutcomeEntry;
import io.github.mssqlk8s.kube.FailoverRequestEntry;
import io.github.mssqlk8s.kube.LastFailover;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Planned moves: a switchover asked for through the AG's ConfigMap (as the failover Job does) is carried out and
 * its outcome written back; a primary stopped by SIGTERM (a pod deletion) hands over at once.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ManualFailoverScenarioTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    static KubernetesClient client;

    @Test
    void switchoverRequestedThroughTheConfigMap() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agmanual", List.of("man1", "man2", "man3"))) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();
            String target = primary.equals("man3") ? "man2" : "man3";
            FailoverRequestEntry request = new FailoverRequestEntry(UUID.randomUUID().toString(), target + "-0", target,
                    false, Instant.now(), "test");

            Instant asked = Instant.now();
            assertThat(new AgConfigMap(client, client.getNamespace(), "agmanual")
                    .submitRequest(request, asked, AgConfigMap.DEFAULT_REQUEST_TIMEOUT).submitted()).isTrue();
            await().atMost(PATIENCE).until(() -> h.configMap().outcomeOfRequest()
                    .filter(o -> o.state() == FailoverOutcomeEntry.State.SUCCEEDED).isPresent());
            assertThat(h.awaitPrimaryOtherThan(primary)).isEqualTo(target);
            h.printFailoverTime("planned switchover through the ConfigMap", asked, primary);
            assertThat(h.configMap().leader().lastFailover().kind()).isEqualTo(LastFailover.Kind.PLANNED);
            assertThat(h.meters(target).get("mssql.ag.failovers").tag("kind", "planned").counter().count()).isEqualTo(1.0);
            await().atMost(PATIENCE).until(() -> h.instance(primary).role("agmanual").filter("SECONDARY"::equals).isPresent());
            h.assertSafe();
        }
    }

    @Test
    void primaryStoppedBySigtermHandsOverAtOnce() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agsigterm", List.of("term1", "term2", "term3"))) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();

            Instant stop = Instant.now();
            h.stopAgent(primary);
            h.awaitPrimaryOtherThan(primary);
            h.printFailoverTime("planned pod deletion: SIGTERM to the primary's agent", stop, primary);
            h.assertSafe();
        }
    }
}
