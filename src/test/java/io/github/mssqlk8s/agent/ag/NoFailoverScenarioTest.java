package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.api.AvailabilityGroupStatus;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Faults that must not move the primary: a lost secondary, and a failing primary nobody can safely replace. */
@EnableKubernetesMockClient(crud = true, https = false)
class NoFailoverScenarioTest {

    /** Two Lease durations of the scenario timing: long enough for any failover to have happened. */
    private static final Duration NO_FAILOVER_FOR = Duration.ofSeconds(8);

    static KubernetesClient client;

    @Test
    void secondaryLost() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agseclost", List.of("sec1", "sec2", "sec3"))) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();
            String secondary = primary.equals("sec3") ? "sec2" : "sec3";

            Instant fault = h.podLost(secondary);
            await().during(NO_FAILOVER_FOR).atMost(NO_FAILOVER_FOR.plusSeconds(5))
                    .until(() -> h.primaryRoute().equals(List.of(primary)) && h.sqlPrimaries().equals(List.of(primary)));
            h.printFailoverTime("secondary lost, no failover (write pause)", fault);
            h.assertSafe();
        }
    }

    @Test
    void noSynchronizedSecondaryMeansNoFailoverAndTheStatusSaysWhy() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agnosync", List.of("nosync1", "nosync2", "nosync3"))) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();
            List<String> secondaries = List.of("nosync1", "nosync2", "nosync3").stream().filter(n -> !n.equals(primary)).toList();
            secondaries.forEach(s -> h.cutLink(primary, s));
            await().atMost(Duration.ofSeconds(30)).until(() -> secondaries.stream()
                    .noneMatch(s -> h.configMap().reports().get(s).isSynchronized()));

            h.instance(primary).forceComponentState("system", 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> message(h, primary).contains("no synchronized secondary can take over"));
            await().during(NO_FAILOVER_FOR).atMost(NO_FAILOVER_FOR.plusSeconds(5))
                    .until(() -> h.sqlPrimaries().equals(List.of(primary)) && h.primaryRoute().equals(List.of(primary)));
            assertThat(message(h, primary)).contains("primary health failed", "is not synchronized");
            System.out.println("failover time [no synchronized secondary]: none, as required; status: " + message(h, primary));

            h.instance(primary).clearComponentStates();
            secondaries.forEach(s -> h.restoreLink(primary, s));
            h.awaitSynchronized();
            h.assertSafe();
        }
    }

    private static String message(AgScenarioHarness h, String name) {
        return h.resource(name).map(r -> r.getStatus() == null ? "" : r.getStatus().getAvailabilityGroups().stream()
                .filter(g -> h.availabilityGroup().equals(g.getName())).map(AvailabilityGroupStatus::getMessage)
                .findFirst().orElse("")).orElse("");
    }
}
