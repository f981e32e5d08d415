package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.kube.AgConfigMapState;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Three empty replicas: the agents create the AG, join it, label the pods, and writes are kept. */
@EnableKubernetesMockClient(crud = true, https = false)
class BootstrapScenarioTest {

    static KubernetesClient client;

    @Test
    void threeReplicasBootstrapOneAvailabilityGroup() throws Exception {
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agboot", List.of("boot1", "boot2", "boot3"))) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();

            // the first synchronous-commit member by name founds the AG
            assertThat(primary).isEqualTo("boot1");
            assertThat(h.sqlPrimaries()).containsExactly("boot1");
            for (String name : List.of("boot1", "boot2", "boot3")) {
                var pod = client.pods().withName(Names.pod(name)).get();
                assertThat(pod.getMetadata().getLabels())
                        .containsEntry(Labels.role("agboot"), name.equals(primary) ? "primary" : "secondary")
                        .containsEntry(Labels.mode("agboot"), "synchronousCommit");
            }
            AgConfigMapState state = h.configMap();
            assertThat(state.reports()).containsOnlyKeys("boot1", "boot2", "boot3");
            assertThat(state.reports().get("boot2").role()).isEqualTo(ReplicaRole.SECONDARY);
            assertThat(state.leader().leader()).isEqualTo("boot1");
            assertThat(state.leader().primary()).isEqualTo("boot1");
            assertThat(h.resource("boot2").orElseThrow().getStatus().getAvailabilityGroups())
                    .anySatisfy(g -> assertThat(g.getRole()).isEqualTo("secondary"));
            h.assertSafe();
        }
    }
}
