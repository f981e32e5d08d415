package io.github.mssqlk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Automatic failover on real SQL Server 2022: the primary's SQL Server stops, or its whole pod is lost; another
 * replica becomes the one primary behind {@code ag1-primary}, and no acknowledged write is lost.
 */
@E2ETest
class FailoverE2E extends WithPrimaryRouteWriter {

    @Test
    void whenThePrimarysSqlServerStopsAnotherReplicaTakesOverWithoutLosingAWrite() throws Exception {
        String primary = cluster.awaitSinglePrimary(Duration.ofMinutes(1));
        Instant fault = Instant.now();
        shutdownNowThroughThePrimaryRoute();

        String next = cluster.awaitSinglePrimary(E2ECluster.FAILOVER_PATIENCE, primary);
        await().atMost(E2ECluster.FAILOVER_PATIENCE).until(() -> writer.firstAckAfter(fault).isPresent());
        report("SQL Server shutdown", primary, next, fault);
        assertNoWriteLost();
    }

    @Test
    void whenThePrimarysPodIsLostAnotherReplicaTakesOverWithoutLosingAWrite() throws Exception {
        String primary = cluster.awaitSinglePrimary(Duration.ofMinutes(1));
        Instant fault = Instant.now();
        cluster.deletePodNow(primary);

        String next = cluster.awaitSinglePrimary(E2ECluster.FAILOVER_PATIENCE, primary);
        await().atMost(E2ECluster.FAILOVER_PATIENCE).until(() -> writer.firstAckAfter(fault).isPresent());
        report("pod loss", primary, next, fault);
        // The lost pod comes back (its StatefulSet) and rejoins as a secondary: still one primary.
        await().atMost(Duration.ofMinutes(10)).until(() -> cluster.secondaryPods().contains(primary));
        assertThat(cluster.primaryPods()).containsExactly(next);
        assertNoWriteLost();
    }

    private void shutdownNowThroughThePrimaryRoute() throws Exception {
        try (var forward = cluster.client().services().inNamespace(cluster.namespace()).withName(E2ECluster.AG + "-primary")
                .portForward(1433)) {
            try (Connection connection = E2ECluster.connectAsSa(forward.getLocalPort(), cluster.saPassword());
                 Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN WITH NOWAIT");
            } catch (java.sql.SQLException expected) {
                // The server closes the connection as it goes down.
            }
        }
    }

    private void report(String fault, String from, String to, Instant at) {
        Duration time = Duration.between(at, writer.firstAckAfter(at).orElseThrow().at());
        System.out.printf("failover [%s] %s -> %s: first acknowledged write after %.2f s%n", fault, from, to,
                time.toMillis() / 1000.0);
    }

    private void assertNoWriteLost() throws Exception {
        writer.close();
        assertThat(writer.acknowledged()).isNotEmpty();
        assertThat(writer.lostWrites()).as("acknowledged writes missing on the new primary").isEmpty();
    }
}
