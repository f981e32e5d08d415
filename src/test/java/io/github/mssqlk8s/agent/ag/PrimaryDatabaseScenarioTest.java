package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DB_FAILOVER: a primary database in a failed state moves the AG at once, a transient state only after
 * {@code transientDBHealthTimeoutSec} (3 s in scenario timing); and the primary corrects a stale {@code primary}
 * label on another pod, so the primary route never selects two pods.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class PrimaryDatabaseScenarioTest {

    static KubernetesClient client;

    @Test
    void suspectPrimaryDatabaseFailsOverAtOnce() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agsuspect", List.of("sus1", "sus2", "sus3"))) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();
            h.writer().awaitMoreAcknowledged(20);

            Instant fault = Instant.now();
            h.instance(primary).forceDatabaseState(AgScenarioHarness.DATABASE, "SUSPECT");
            String next = h.awaitPrimaryOtherThan(primary);
            h.printFailoverTime("primary database SUSPECT", fault, primary);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(h.configMap().leader().lastFailover())
                    .satisfies(last -> {
                        assertThat(last.from()).isEqualTo(primary);
                        assertThat(last.to()).isEqualTo(next);
                        assertThat(last.reason()).contains(AgScenarioHarness.DATABASE).contains("SUSPECT");
                    }));
            h.assertSafe();
        }
    }

    @Test
    void transientPrimaryDatabaseStateFailsOverOnlyPastItsTimeout() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agtransient", List.of("tra1", "tra2", "tra3"))) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();

            h.instance(primary).forceDatabaseState(AgScenarioHarness.DATABASE, "RECOVERING");
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(2))
                    .until(() -> h.primaryRoute().equals(List.of(primary)) && h.sqlPrimaries().equals(List.of(primary)));
            h.instance(primary).forceDatabaseState(AgScenarioHarness.DATABASE, null);
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5))
                    .until(() -> h.primaryRoute().equals(List.of(primary)));

            Instant fault = Instant.now();
            h.instance(primary).forceDatabaseState(AgScenarioHarness.DATABASE, "RECOVERING");
            h.awaitPrimaryOtherThan(primary);
            Duration took = h.printFailoverTime("primary database RECOVERING past the 3 s timeout", fault, primary);
            assertThat(took).isGreaterThanOrEqualTo(AgScenarioHarness.scenarioTiming().transientDbTimeout());
            h.assertSafe();
        }
    }

    @Test
    void primaryTakesAStalePrimaryLabelOffAnotherPod() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "aglabels", List.of("lab1", "lab2", "lab3"))) {
            String primary = h.awaitBootstrapped();
            String other = List.of("lab1", "lab2", "lab3").stream().filter(n -> !n.equals(primary)).findFirst().orElseThrow();

            client.pods().withName(Names.pod(other)).edit(p -> {
                p.getMetadata().getLabels().put(Labels.role("aglabels"), Labels.ROLE_PRIMARY);
                return p;
            });
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> h.primaryRoute().equals(List.of(primary)));
            assertThat(client.pods().withName(Names.pod(other)).get().getMetadata().getLabels())
                    .containsEntry(Labels.role("aglabels"), Labels.ROLE_SECONDARY);
        }
    }
}
