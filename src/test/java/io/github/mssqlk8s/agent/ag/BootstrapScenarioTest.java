package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.kube.AgConfigMapState;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.resources.GeneratedSecrets;
import io.github.mssqlk8s.sim.engine.StatementLog;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Three empty replicas configured by init-sql: the agents, logged in as the login init-sql made, create the AG, join
 * it, label the pods, and writes are kept.
 */
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
            // the agents acted as the login init-sql made from the operator's Secret, not as sa
            assertThat(h.agentLogin("boot1").name()).isEqualTo(GeneratedSecrets.AGENT_LOGIN_NAME);
            assertThat(statementsStartingWith(h, "boot1", "CREATE AVAILABILITY GROUP")).extracting(StatementLog.Entry::login)
                    .containsExactly(GeneratedSecrets.AGENT_LOGIN_NAME);
            for (String secondary : List.of("boot2", "boot3")) {
                assertThat(statementsStartingWith(h, secondary, "ALTER AVAILABILITY GROUP [agboot] JOIN"))
                        .extracting(StatementLog.Entry::login).containsOnly(GeneratedSecrets.AGENT_LOGIN_NAME).isNotEmpty();
            }
            h.assertSafe();
        }
    }

    private static List<StatementLog.Entry> statementsStartingWith(AgScenarioHarness h, String replica, String prefix) {
        return h.instance(replica).statementLog().entries().stream().filter(entry -> entry.errorNumber() == 0
                && entry.text().toUpperCase(Locale.ROOT).startsWith(prefix.toUpperCase(Locale.ROOT))).toList();
    }
}
