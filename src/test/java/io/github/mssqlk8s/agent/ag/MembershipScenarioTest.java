package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A SqlServer resource starts listing the AG (the primary adds the replica, it joins and is seeded, RSSTC follows
 * the formula) and stops listing it (the primary removes the replica, its agent leaves and drops its labels);
 * writes go on throughout.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class MembershipScenarioTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    static KubernetesClient client;

    @Test
    void memberAddedAndRemoved() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agmember", List.of("mem1", "mem2"))) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();
            assertThat(rsstc(h, primary)).isEqualTo(0);

            h.addReplica(AgScenarioHarness.Replica.synchronous("mem3"));
            await().atMost(PATIENCE).until(() -> replicas(h, primary) == 3 && h.instance("mem3").role("agmember")
                    .filter("SECONDARY"::equals).isPresent());
            h.awaitSynchronized();
            await().atMost(PATIENCE).until(() -> rsstc(h, primary) == 1);

            String leaving = primary.equals("mem2") ? "mem1" : "mem2";
            h.removeFromAvailabilityGroup(leaving);
            await().atMost(PATIENCE).until(() -> replicas(h, primary) == 2 && rsstc(h, primary) == 0);
            assertThat(client.pods().withName(Names.pod(leaving)).get().getMetadata().getLabels())
                    .doesNotContainKey(Labels.role("agmember"));
            assertThat(h.primaryRoute()).containsExactly(primary);
            h.assertSafe();
        }
    }

    private static int rsstc(AgScenarioHarness h, String primary) {
        return ((Number) h.scalarOn(primary, "SELECT required_synchronized_secondaries_to_commit FROM sys.availability_groups"
                + " WHERE name = N'agmember'")).intValue();
    }

    private static int replicas(AgScenarioHarness h, String primary) {
        return ((Number) h.scalarOn(primary, "SELECT COUNT(*) FROM sys.availability_replicas")).intValue();
    }
}
