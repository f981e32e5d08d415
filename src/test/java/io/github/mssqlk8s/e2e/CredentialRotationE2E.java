package io.github.mssqlk8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.LocalPortForward;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rotate-creds Job (contract §3) under the preview's Role: afterwards sa logs in with the new password on
 * every replica and no longer with the old one, the AG still has one primary, and no secret shows in the Job's log.
 */
@E2ETest
class CredentialRotationE2E {

    /** The preview's Role of the rotate-creds Job: secrets get/update, pods list, statefulsets get. */
    private static final List<io.fabric8.kubernetes.api.model.rbac.PolicyRule> ROTATE_ROLE = List.of(
            E2ECluster.rule("", "secrets", List.of(), "get", "update"),
            E2ECluster.rule("", "pods", List.of(), "list"),
            E2ECluster.rule("apps", "statefulsets", List.of(), "get"));

    private E2ECluster cluster;

    @BeforeEach
    void connect() {
        cluster = E2ECluster.fromEnvironment();
        cluster.awaitSinglePrimary(Duration.ofMinutes(15));
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void rotatingTheSaPasswordTakesEffectOnEveryReplicaAndNeverShowsIt() throws Exception {
        String current = cluster.saPassword();
        String next = "E2e-" + UUID.randomUUID().toString().substring(0, 18) + "-Aa1";

        for (String replica : E2ECluster.REPLICAS) {
            E2ECluster.JobOutcome outcome = cluster.runJob(E2ECluster.unique("rotate-" + replica), "/mssql-server-k8s-rotate-creds",
                    Map.of("MSSQL_K8S_SQL_SERVER_NAME", replica, "MSSQL_K8S_CURRENT_SA_PASSWORD", current,
                            "MSSQL_K8S_NEW_SA_PASSWORD", next, "MSSQL_ROTATE_CERT", "false"), ROTATE_ROLE);
            assertThat(outcome.succeeded()).as(replica + ": " + outcome.log()).isTrue();
            assertThat(outcome.log()).doesNotContain(current, next);
        }

        for (String replica : E2ECluster.REPLICAS) {
            String pod = replica + "-0";
            try (LocalPortForward forward = cluster.client().pods().inNamespace(cluster.namespace()).withName(pod).portForward(1433)) {
                E2ECluster.connectAsSa(forward.getLocalPort(), next).close();
                assertThatThrownBy(() -> E2ECluster.connectAsSa(forward.getLocalPort(), current)).as(pod).isInstanceOf(SQLException.class);
            }
        }
        assertThat(cluster.primaryPods()).hasSize(1);
    }
}
