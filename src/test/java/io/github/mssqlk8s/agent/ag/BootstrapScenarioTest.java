package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.kube.AgConfigMapState;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.resources.GeneratedSecrets;
import io.github.mssqlk8s.sim.engine.StatementLog;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import io.github.mssqlk8s.testing.SqlServerSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Three empty replicas configured by init-sql: the agents create the AG (as sa, which SQL Server requires), join it
 * and keep it logged in as the login init-sql made, label the pods, and writes are kept.
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
            // CREATE AVAILABILITY GROUP (sysadmin only) ran as sa from the mounted sa file; everything else as the
            // login init-sql made from the operator's Secret
            assertThat(h.agentLogin("boot1").name()).isEqualTo(GeneratedSecrets.AGENT_LOGIN_NAME);
            assertThat(statementsStartingWith(h, "boot1", "CREATE AVAILABILITY GROUP")).extracting(StatementLog.Entry::login)
                    .containsExactly("sa");
            assertThat(statementsStartingWith(h, "boot1", "ALTER AVAILABILITY GROUP [agboot] SET (WRITE_LEASE_VALIDITY"))
                    .extracting(StatementLog.Entry::login).containsOnly(GeneratedSecrets.AGENT_LOGIN_NAME).isNotEmpty();
            for (String secondary : List.of("boot2", "boot3")) {
                assertThat(statementsStartingWith(h, secondary, "ALTER AVAILABILITY GROUP [agboot] JOIN"))
                        .extracting(StatementLog.Entry::login).containsOnly(GeneratedSecrets.AGENT_LOGIN_NAME).isNotEmpty();
                assertThat(statementsStartingWith(h, secondary, "CREATE AVAILABILITY GROUP")).isEmpty();
            }
            for (String name : List.of("boot1", "boot2", "boot3")) {
                // the only other AG statement as sa is the harness's own (a user adding the database)
                assertThat(h.instance(name).statementLog().entries()).as(name + ": no other agent statement as sa")
                        .filteredOn(entry -> entry.login().equals("sa")
                                && entry.text().toUpperCase(Locale.ROOT).startsWith("ALTER AVAILABILITY GROUP"))
                        .allSatisfy(entry -> assertThat(entry.text()).contains("ADD DATABASE"));
            }
            h.assertSafe();
        }
    }

    @Test
    void withoutAUsableSaPasswordTheBootstrapWaitsAndSaysWhyThenProceedsOnceTheFileIsRight() throws Exception {
        String ag = "agnosa";
        try (AgScenarioHarness h = AgScenarioHarness.start(client, ag, List.of())) {
            h.addReplicaWithoutAgent(AgScenarioHarness.Replica.synchronous("nosa1"));
            h.addReplicaWithoutAgent(AgScenarioHarness.Replica.synchronous("nosa2"));
            Path saFile = h.saPasswordFile("nosa1");
            assertThat(saFile).as("mounted from the sa Secret").content().isEqualTo(SqlServerSimulator.SA_PASSWORD);
            Files.delete(saFile);
            h.startAgent("nosa1");
            h.startAgent("nosa2");

            assertThat(awaitCreateFailure("nosa1", "is missing or unreadable")).contains(saFile.toString());
            assertThat(h.instance("nosa1").role(ag)).as("no AG without sa").isEmpty();

            // a wrong password (e.g. before the rotated Secret reached the pod): re-read at the next attempt, refused
            Files.writeString(saFile, "Not-The-Sa-Passw0rd!");
            assertThat(awaitCreateFailure("nosa1", "Login failed for user 'sa'")).doesNotContain("Not-The-Sa-Passw0rd!");
            assertThat(h.instance("nosa1").role(ag)).isEmpty();

            Files.writeString(saFile, SqlServerSimulator.SA_PASSWORD);
            assertThat(h.awaitBootstrapped()).isEqualTo("nosa1");
            assertThat(statementsStartingWith(h, "nosa1", "CREATE AVAILABILITY GROUP")).extracting(StatementLog.Entry::login)
                    .containsExactly("sa");
            assertThat(client.v1().events().list().getItems()).extracting(Event::getMessage)
                    .noneMatch(message -> message.contains(SqlServerSimulator.SA_PASSWORD));
            assertThat(h.agentPermissionDenials()).isEmpty();
        }
    }

    /** The message of the Warning Event saying that {@code replica} could not create the AG, with {@code cause}. */
    private static String awaitCreateFailure(String replica, String cause) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> client.v1().events().list().getItems().stream()
                .filter(e -> replica.equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType())
                        && "AvailabilityGroupCreateFailed".equals(e.getReason()) && e.getMessage().contains(cause))
                .map(Event::getMessage).findFirst(), Optional::isPresent).orElseThrow();
    }

    private static List<StatementLog.Entry> statementsStartingWith(AgScenarioHarness h, String replica, String prefix) {
        return h.instance(replica).statementLog().entries().stream().filter(entry -> entry.errorNumber() == 0
                && entry.text().toUpperCase(Locale.ROOT).startsWith(prefix.toUpperCase(Locale.ROOT))).toList();
    }
}
