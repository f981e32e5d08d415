package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API server goes away: for every agent for 30 s (the primary fences itself, nobody can be promoted, and
 * service resumes once it is back), and for the primary's agent alone (the others take over after its Lease).
 * Never two writable primaries.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ApiServerOutageScenarioTest {

    static KubernetesClient client;

    @Test
    void apiServerUnreachableForEveryoneFor30Seconds() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agapi", List.of("api1", "api2", "api3"))) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();

            Instant cut = h.cutApiForAll();
            // the primary cannot renew its Lease: it stops renewing the write lease and goes offline
            await().atMost(Duration.ofSeconds(10)).until(() -> h.monitor().writableNow().isEmpty());
            Instant fenced = Instant.now();
            System.out.printf("API server unreachable for 30 s: the primary stopped accepting writes %.2f s after the cut%n",
                    Duration.between(cut, fenced).toMillis() / 1000.0);
            Duration restOfOutage = Duration.between(Instant.now(), cut.plusSeconds(30));
            await().during(restOfOutage).atMost(restOfOutage.plusSeconds(3)).until(() -> h.monitor().writableNow().isEmpty());
            h.restoreApiForAll();
            Instant restored = Instant.now();

            h.awaitPrimary();
            h.printFailoverTime("API server unreachable for 30 s, from its return", restored);
            h.assertSafe();
        }
    }

    @Test
    void apiServerUnreachableForThePrimarysAgent() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agapione", List.of("apione1", "apione2", "apione3"))) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();

            Instant cut = h.cutApi(primary);
            String next = h.awaitPrimaryOtherThan(primary);
            h.printFailoverTime("API server unreachable for the primary's agent", cut, primary);
            h.restoreApi(primary);
            await().atMost(Duration.ofSeconds(30)).until(() -> h.instance(primary).role("agapione")
                    .filter("SECONDARY"::equals).isPresent());
            assertThat(h.primaryRoute()).containsExactly(next);
            h.assertSafe();
        }
    }
}
