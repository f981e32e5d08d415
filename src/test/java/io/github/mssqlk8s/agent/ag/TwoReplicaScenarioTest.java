package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two synchronous replicas (RSSTC 0): the secondary takes over when the primary's SQL Server crashes. */
@EnableKubernetesMockClient(crud = true, https = false)
class TwoReplicaScenarioTest {

    static KubernetesClient client;

    @Test
    void twoReplicaAvailabilityGroupFailsOver() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agtwo", List.of("two1", "two2"))) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();
            assertThat(h.scalarOn(primary, "SELECT required_synchronized_secondaries_to_commit FROM sys.availability_groups"))
                    .isEqualTo(0);

            Instant fault = h.crashSql(primary);
            h.awaitPrimaryOtherThan(primary);
            h.printFailoverTime("two-replica AG, primary SQL crash", fault, primary);
            h.assertSafe();
        }
    }
}
