package io.github.mssqlk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Fencing: the primary's pod is cut off from everything (API server and the other replicas) by a NetworkPolicy.
 * Another replica takes over, and the isolated former primary no longer accepts writes (its write lease ran out)
 * even though its SQL Server still runs — never two writable primaries. Reached through a port forward, which goes
 * through the kubelet and not the pod network. Needs a CNI that enforces NetworkPolicy; skipped otherwise.
 */
@E2ETest
class FencingE2E extends WithPrimaryRouteWriter {

    private String isolation;

    @AfterEach
    void heal() {
        // Runs before the writer and the cluster connection are closed (the base class's @AfterEach).
        if (isolation != null) {
            cluster.client().network().networkPolicies().inNamespace(cluster.namespace()).withName(isolation).delete();
        }
    }

    @Test
    void anIsolatedPrimaryStopsAcceptingWritesOnceAnotherReplicaTookOver() throws Exception {
        String primary = cluster.awaitSinglePrimary(Duration.ofMinutes(1));
        isolation = E2ECluster.unique("isolate");
        Instant fault = Instant.now();
        cluster.client().network().networkPolicies().inNamespace(cluster.namespace()).resource(isolate(isolation, primary)).create();

        String next;
        try {
            // The isolated agent cannot remove its own label: the others' view counts, read from the pods of the others.
            next = await().atMost(E2ECluster.FAILOVER_PATIENCE).until(() -> writer.firstAckAfter(fault)
                    .map(ack -> cluster.primaryPods().stream().filter(pod -> !pod.equals(primary)).findFirst().orElse(null))
                    .orElse(null), pod -> pod != null);
        } catch (ConditionTimeoutException noFailover) {
            Assumptions.abort("no failover while the primary was isolated: this cluster's CNI may not enforce NetworkPolicy");
            return;
        }

        try (LocalPortForward forward = cluster.client().pods().inNamespace(cluster.namespace()).withName(primary).portForward(1433)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !acceptsAWrite(forward.getLocalPort()));
        }
        writer.close();
        assertThat(writer.lostWrites()).isEmpty();
        System.out.printf("fencing: %s isolated, %s primary; the isolated one refuses writes%n", primary, next);
    }

    /** Deny all ingress and egress of the pod (a port forward still reaches it through the kubelet). */
    private static NetworkPolicy isolate(String name, String pod) {
        return new NetworkPolicyBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNewPodSelector().addToMatchLabels("statefulset.kubernetes.io/pod-name", pod).endPodSelector()
                .withPolicyTypes("Ingress", "Egress").endSpec().build();
    }

    private boolean acceptsAWrite(int port) {
        try (Connection connection = E2ECluster.connectAsSa(port, cluster.saPassword());
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO " + PrimaryRouteWriter.DATABASE + ".dbo.writes (id, at) VALUES ("
                    + (-System.nanoTime()) + ", SYSUTCDATETIME())");
            return true;
        } catch (SQLException refused) {
            return false;
        }
    }
}
