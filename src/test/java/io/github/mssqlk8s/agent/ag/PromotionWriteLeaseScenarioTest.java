package io.github.mssqlk8s.agent.ag;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.sim.engine.EngineBehaviour;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * F5: on a SQL Server whose new primary keeps the replica's own write lease after FAILOVER (not a fresh one), the
 * agent renews the target's write lease right before FAILOVER and again right after, so the promoted replica
 * accepts writes instead of dropping to RESOLVING and being promoted again and again.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class PromotionWriteLeaseScenarioTest {

    static KubernetesClient client;

    @Test
    void aReplicaPromotedWithItsOwnWriteLeaseTakesWrites() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agownlease", List.of("own1", "own2", "own3"))) {
            h.behaviour().leaseAtFailover = EngineBehaviour.LeaseAtFailover.REPLICA_OWN;
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();
            h.awaitSynchronized();

            Instant fault = h.crashSql(primary);
            String next = h.awaitPrimaryOtherThan(primary);
            h.printFailoverTime("new primary with its own write lease", fault, primary);
            await().atMost(Duration.ofSeconds(20)).until(() -> h.writer().firstAckAfter(fault, primary).isPresent());
            // still the one primary, writable, two write-lease periods later
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8))
                    .until(() -> h.sqlPrimaries().equals(List.of(next)));
            h.assertSafe();
        }
    }
}
