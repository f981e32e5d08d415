package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every SQL Server of the AG down at once, then back: only the last primary, RESOLVING after its restart, holds
 * every acknowledged write; the secondaries lost their synchronized state with the restart, so SQL Server refuses
 * them FAILOVER. The agents must promote the former primary (as Microsoft's Pacemaker agent does), not wait forever.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class AllReplicasDownScenarioTest {

    static KubernetesClient client;

    @Test
    void wholeAgRestartBringsTheLastPrimaryBack() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agall", List.of("all1", "all2", "all3"))) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();
            h.writer().awaitMoreAcknowledged(20);

            Instant fault = Instant.now();
            List.of("all1", "all2", "all3").forEach(h::crashSql);
            List.of("all1", "all2", "all3").forEach(h::startSql);

            assertThat(h.awaitPrimary()).isEqualTo(primary);
            h.printFailoverTime("whole AG restart", fault);
            h.awaitSynchronized();
            h.assertSafe();
        }
    }

    @Test
    void primaryThenSecondaryThenNewPrimaryLostAndBack() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agchain", List.of("chain1", "chain2", "chain3"))) {
            String first = h.awaitBootstrapped();
            h.startWriterAndMonitor();
            h.writer().awaitMoreAcknowledged(20);

            h.crashSql(first);
            String second = h.awaitPrimaryOtherThan(first);
            String third = List.of("chain1", "chain2", "chain3").stream()
                    .filter(n -> !n.equals(first) && !n.equals(second)).findFirst().orElseThrow();
            h.writer().awaitMoreAcknowledged(10);
            h.crashSql(third);
            Instant fault = h.crashSql(second);

            h.startSql(first);
            h.startSql(third);
            h.startSql(second);
            assertThat(h.awaitPrimary()).isEqualTo(second);
            h.printFailoverTime("primary, secondary, new primary lost and back", fault);
            h.awaitSynchronized();
            h.assertSafe();
        }
    }
}
