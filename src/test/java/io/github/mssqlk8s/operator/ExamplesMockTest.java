package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.testing.FakeClusterControllers;
import io.github.mssqlk8s.testing.MockCluster;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every manifest in examples/, applied as a user would, reconciles to a ready instance without edits. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ExamplesMockTest {

    @Inject
    KubernetesClient client;

    @Inject
    Operator operator;

    @Test
    void everyExampleReconcilesUnchanged() throws IOException {
        String namespace = client.getNamespace();
        MockCluster.startOperatorOnce(operator, client);
        List<String> sqlServers = new ArrayList<>();
        try (FakeClusterControllers cluster = new FakeClusterControllers(client, namespace).start();
                Stream<Path> files = Files.list(Path.of("examples"))) {
            for (Path example : files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList()) {
                for (HasMetadata object : client.load(Files.newInputStream(example)).items()) {
                    object.getMetadata().setNamespace(namespace);
                    client.resource(object).create();
                    if ("SqlServer".equals(object.getKind())) {
                        sqlServers.add(object.getMetadata().getName());
                    }
                }
            }
            assertThat(sqlServers).containsExactly("mssql1", "mssql2", "mssql3", "mssql-single");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (String name : sqlServers) {
                    SqlServer resource = client.resources(SqlServer.class).inNamespace(namespace).withName(name).get();
                    assertThat(resource.getStatus()).as(name).isNotNull();
                    for (String type : List.of(Conditions.READY, Conditions.RECONCILED, Conditions.INIT_SQL_SUCCEEDED)) {
                        assertThat(Conditions.find(resource.getStatus().getConditions(), type)).as(name + " " + type)
                                .get().extracting(condition -> condition.getStatus()).isEqualTo(Conditions.TRUE);
                    }
                }
            });
        }
        // The single instance: no AG objects, and no disruption budget over its pod (it would block every drain).
        assertThat(client.pods().inNamespace(namespace).withName("mssql-single-0").get().getMetadata().getLabels())
                .doesNotContainKey("mssql.microsoft.com/availability-group-member");
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace(namespace).withName("mssql-ag-members").get()
                .getMetadata().getOwnerReferences()).extracting(owner -> owner.getName())
                .containsExactlyInAnyOrder("mssql1", "mssql2", "mssql3");
        // The users' own routing Services from the example stay theirs.
        assertThat(client.services().inNamespace(namespace).withName("ag1-primary").get().getSpec().getType()).isEqualTo("LoadBalancer");
    }
}
