package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.kube.AgConfigMap;
import io.github.mssqlk8s.kube.FailoverOutcomeEntry;
import io.github.mssqlk8s.kube.FailoverRequestEntry;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * F4: after FORCE_FAILOVER_ALLOW_DATA_LOSS SQL Server suspends data movement to every other replica until someone
 * runs {@code ALTER DATABASE … SET HADR RESUME} (the simulator does so by default). With three synchronous replicas
 * REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT is 1, so without a resumed secondary the new primary cannot commit at
 * all: writes to every database must continue and every secondary must catch up.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ForcedFailoverScenarioTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String OTHER_DB = "otherdb";

    static KubernetesClient client;

    @Test
    void afterAForcedFailoverWritesToEveryDatabaseContinueAndEverySecondaryCatchesUp() throws Exception {
        List<String> names = List.of("frc1", "frc2", "frc3");
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agforced", names)) {
            assertThat(h.behaviour().suspendAfterForcedFailover).as("the simulator suspends after a forced failover")
                    .isTrue();
            String primary = h.awaitBootstrapped();
            addSecondDatabase(h, primary);
            h.startWriterAndMonitor();
            String target = primary.equals("frc3") ? "frc2" : "frc3";

            FailoverRequestEntry request = new FailoverRequestEntry(UUID.randomUUID().toString(), target + "-0", target,
                    true, Instant.now(), "test");
            Instant asked = Instant.now();
            assertThat(new AgConfigMap(client, client.getNamespace(), "agforced")
                    .submitRequest(request, asked, AgConfigMap.DEFAULT_REQUEST_TIMEOUT).submitted()).isTrue();
            await().atMost(PATIENCE).until(() -> h.configMap().outcomeOfRequest()
                    .filter(o -> o.state() == FailoverOutcomeEntry.State.SUCCEEDED).isPresent());
            assertThat(h.awaitPrimaryOtherThan(primary)).isEqualTo(target);
            h.printFailoverTime("forced manual failover", asked, primary);

            // the new primary commits only with a synchronized (so resumed) secondary
            int before = h.writer().acknowledged().size();
            h.writer().awaitMoreAcknowledged(20);
            assertThat(h.writer().acknowledged().subList(before, h.writer().acknowledged().size()))
                    .extracting(a -> a.instance()).containsOnly(target);
            h.simulator().execAsSa(Names.pod(target), "INSERT INTO " + OTHER_DB + ".dbo.t (id) VALUES (2)");

            for (String secondary : names.stream().filter(n -> !n.equals(target)).toList()) {
                await().atMost(PATIENCE).until(() -> h.instance(secondary).role("agforced").filter("SECONDARY"::equals)
                        .isPresent());
                await().atMost(PATIENCE).untilAsserted(() -> {
                    assertThat(h.scalarOn(secondary, "SELECT COUNT(*) FROM sys.dm_hadr_database_replica_states"
                            + " WHERE is_local = 1 AND is_suspended = 1")).as(secondary + "'s suspended databases")
                            .isEqualTo(0);
                    assertThat(h.scalarOn(secondary, "SELECT COUNT(*) FROM " + OTHER_DB + ".dbo.t")).isEqualTo(2);
                });
            }
            h.awaitSynchronized();
            h.assertSafe();
        }
    }

    private static void addSecondDatabase(AgScenarioHarness h, String primary) {
        String server = Names.pod(primary);
        h.simulator().execAsSa(server, "CREATE DATABASE [" + OTHER_DB + "]; ALTER DATABASE [" + OTHER_DB
                + "] SET RECOVERY FULL; BACKUP DATABASE [" + OTHER_DB + "] TO DISK = N'NUL'");
        h.simulator().execAsSa(server, "USE [" + OTHER_DB + "]; CREATE TABLE t (id BIGINT PRIMARY KEY)");
        h.simulator().execAsSa(server, "INSERT INTO " + OTHER_DB + ".dbo.t (id) VALUES (1)");
        h.simulator().execAsSa(server, "ALTER AVAILABILITY GROUP [agforced] ADD DATABASE [" + OTHER_DB + "]");
        h.awaitSynchronized();
    }
}
