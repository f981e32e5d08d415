package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.api.SecretReference;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.api.SqlServerContainer;
import io.github.mssqlk8s.api.SqlServerSpec;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JOSDK on fabric8's mock API server: the operator sees SqlServer resources and reports honestly. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SqlServerReconcilerMockTest {

    @Inject
    KubernetesClient client;

    @Inject
    Operator operator;

    private static boolean operatorStarted;

    @BeforeEach
    void startOperator() {
        // Nothing starts JOSDK automatically (the operator mode does it); start it once for this test app.
        if (!operatorStarted) {
            operator.start();
            operatorStarted = true;
        }
    }

    @Test
    void aNewResourceGetsItsGenerationAndAPlainStatementOfWhatIsBuilt() {
        SqlServer created = client.resource(sqlServer("mssql1")).create();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            SqlServer current = client.resources(SqlServer.class).withName("mssql1").get();
            assertThat(current.getStatus()).isNotNull();
            assertThat(current.getStatus().getObservedGeneration()).isEqualTo(created.getMetadata().getGeneration());
            assertThat(Conditions.find(current.getStatus().getConditions(), SqlServerReconciler.RECONCILED))
                    .get()
                    .satisfies(condition -> {
                        assertThat(condition.getStatus()).isEqualTo(Conditions.FALSE);
                        assertThat(condition.getReason()).isEqualTo("NotBuiltYet");
                    });
        });
    }

    private static SqlServer sqlServer(String name) {
        SqlServerSpec spec = new SqlServerSpec();
        spec.setAcceptEula(true);
        spec.setAgentsContainerImage("mssqlk8s/mssql-k8s-agents:test");
        SqlServerContainer container = new SqlServerContainer();
        container.setImage("mcr.microsoft.com/mssql/server:2022-latest");
        spec.setSqlServerContainer(container);
        spec.setSaPassword(new SecretReference("sql-secrets", "sapassword"));
        spec.getAvailabilityGroups().add(AvailabilityGroupRef.named("ag1"));
        SqlServer resource = new SqlServer();
        resource.setMetadata(new ObjectMetaBuilder().withName(name).build());
        resource.setSpec(spec);
        return resource;
    }
}
