package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * F9: a primary cut off from every synchronous secondary but not from the API server keeps its Lease and its
 * write-lease renewals succeed, while its commits (REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT = 1) and configuration
 * commits hang. It must notice the waiting configuration commit in {@code current_configuration_commit_start_time_utc}
 * and go offline after the commit-stuck timeout, so that the healthy pair takes over.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class StuckCommitScenarioTest {

    static KubernetesClient client;

    @Test
    void aPrimaryCutOffFromEverySynchronousSecondaryGoesOfflineAndThePairTakesOver() throws Exception {
        List<String> names = List.of("stk1", "stk2", "stk3");
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agstuck", names)) {
            assertThat(h.behaviour().configurationCommitsNeedSynchronousSecondary).isTrue();
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();

            Instant cut = Instant.now();
            names.stream().filter(n -> !n.equals(primary)).forEach(n -> h.cutLink(primary, n));
            String successor = h.awaitPrimaryOtherThan(primary, Duration.ofSeconds(60));
            Duration time = h.printFailoverTime("primary cut off from every synchronous secondary", cut, primary);
            assertThat(time).as("the commit-stuck timeout, then an ordinary failover")
                    .isGreaterThanOrEqualTo(AgScenarioHarness.scenarioTiming().commitStuckTimeout());
            assertThat(successor).isNotEqualTo(primary);
            h.assertSafe();
        }
    }
}
