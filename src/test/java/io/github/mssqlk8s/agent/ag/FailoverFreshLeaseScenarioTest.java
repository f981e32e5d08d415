package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.sim.engine.StatementLog;
import io.github.mssqlk8s.sql.AvailabilityGroupSql;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * F12: FAILOVER is sent only within one monitor period of the Lease renewal that licenses it, and SQL Server itself
 * refuses the batch once that deadline has passed. The promoting agent freezes for 2 s (eight monitor periods) right
 * before sending FAILOVER, as in a GC pause: that FAILOVER must be refused by its deadline, and the replica promoted
 * only by a later one that follows a fresh Lease renewal.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class FailoverFreshLeaseScenarioTest {

    static KubernetesClient client;

    @Test
    void aFailoverDelayedPastItsLeaseRenewalIsRefusedAndRetriedAfterAFreshOne() throws Exception {
        List<String> names = List.of("fre1", "fre2", "fre3");
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agfresh", names)) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();
            names.stream().filter(n -> !n.equals(primary))
                    .forEach(n -> h.freezeAgent(n, TickPause.Point.BEFORE_FAILOVER, Duration.ofSeconds(2)));

            h.crashSql(primary);
            String successor = h.awaitPrimaryOtherThan(primary);

            // the guard and the FAILOVER run as one batch: a refused one leaves the guard's THROW in the log, no FAILOVER
            List<StatementLog.Entry> log = h.instance(successor).statementLog().entries();
            int promoted = java.util.stream.IntStream.range(0, log.size())
                    .filter(i -> log.get(i).text().endsWith(" FAILOVER") && log.get(i).errorNumber() == 0)
                    .findFirst().orElseThrow();
            assertThat(log.subList(0, promoted)).as("statements on " + successor + " before the FAILOVER that promoted it")
                    .anyMatch(e -> e.errorNumber() == AvailabilityGroupSql.RENEWAL_DEADLINE_PASSED
                            && e.text().contains("renewal deadline"));
            h.assertSafe();
        }
    }
}
