package io.github.mssqlk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Planned switchover through the failover Job (contract §3), under exactly the preview's Role for that Job; then a
 * Job naming a target that does not exist fails with a clear line and changes nothing.
 */
@E2ETest
class SwitchoverE2E extends WithPrimaryRouteWriter {

    /** The preview's Role of the failover Job: ConfigMap and Endpoints named after the AG, pods list. */
    private static final List<io.fabric8.kubernetes.api.model.rbac.PolicyRule> FAILOVER_ROLE = List.of(
            E2ECluster.rule("", "configmaps", List.of(E2ECluster.AG), "get", "update"),
            E2ECluster.rule("", "endpoints", List.of(E2ECluster.AG), "get"),
            E2ECluster.rule("", "pods", List.of(), "list"));

    @Test
    void theFailoverJobMovesThePrimaryToTheNamedReplicaWithoutLosingAWrite() throws Exception {
        String primary = cluster.awaitSinglePrimary(Duration.ofMinutes(1));
        String target = cluster.secondaryPods().get(0);

        E2ECluster.JobOutcome outcome = cluster.runJob(E2ECluster.unique("switchover"), "/mssql-server-k8s-failover",
                Map.of("MSSQL_K8S_AG_NAME", E2ECluster.AG, "MSSQL_K8S_NEW_PRIMARY", target), FAILOVER_ROLE);

        assertThat(outcome.succeeded()).as(outcome.log()).isTrue();
        assertThat(cluster.awaitSinglePrimary(E2ECluster.FAILOVER_PATIENCE, primary)).isEqualTo(target);
        writer.close();
        assertThat(writer.lostWrites()).isEmpty();
    }

    @Test
    void aFailoverJobNamingNoReplicaFailsWithOneLineAndChangesNothing() {
        String primary = cluster.awaitSinglePrimary(Duration.ofMinutes(1));

        E2ECluster.JobOutcome outcome = cluster.runJob(E2ECluster.unique("switchover-bad"), "/mssql-server-k8s-failover",
                Map.of("MSSQL_K8S_AG_NAME", E2ECluster.AG, "MSSQL_K8S_NEW_PRIMARY", "no-such-replica"), FAILOVER_ROLE);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.log().strip().lines()).last().asString().contains("no-such-replica");
        assertThat(cluster.primaryPods()).containsExactly(primary);
    }
}
