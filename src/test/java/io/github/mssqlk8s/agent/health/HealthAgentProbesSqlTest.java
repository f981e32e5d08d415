package io.github.mssqlk8s.agent.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.github.mssqlk8s.sim.engine.SimulatedInstance;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The health-agent mode's HTTP probes and metrics, against a simulated SQL Server. */
@QuarkusTest
@TestProfile(HealthAgentProbesSqlTest.HealthAgentProfile.class)
class HealthAgentProbesSqlTest {

    public static class HealthAgentProfile implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "health-agent";
        }

        /** The health-agent profile replaces the test profile, and with it the test profile's free port. */
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("quarkus.http.test-port", "0");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SimulatedSqlServerResource.class));
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String PERIODIC_DATABASE_READ = "SELECT name, state_desc FROM sys.databases ORDER BY name";

    @Inject
    HealthAgent agent;

    private SimulatedInstance sql() {
        return SimulatedSqlServerResource.simulator().instance(SimulatedSqlServerResource.INSTANCE);
    }

    @BeforeEach
    void startAgent() {
        agent.start();
        sql().clearComponentStates();
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void eachProbeNamesTheComponentsAndTheReason() {
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'sql-server' }.data.verdict", equalTo("healthy"))
                .body("checks.find { it.name == 'sql-server' }.data.system", equalTo("clean"))
                .body("checks.find { it.name == 'sql-server' }.data.'database.appdb'", equalTo("online"));
        given().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void livenessFailsExactlyWhenThePolicySays() {
        sql().forceComponentState("resource", 3);
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/live").then()
                .body("checks.find { it.name == 'sql-server' }.data.resource", equalTo("error")));
        given().get("/q/health/live").then().statusCode(200);

        sql().forceComponentState("system", 3);

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/live").then().statusCode(503)
                .body("checks.find { it.name == 'sql-server' }.data.condition", equalTo("system_error"))
                .body("checks.find { it.name == 'sql-server' }.data.reason",
                        containsString("failed at level 3 under monitor policy 3")));
    }

    @Test
    void metricsShowTheComponentsAndTheVerdict() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("mssql_health_component_state{component=\"system\"} 1.0",
                "mssql_health_verdict 0.0", "mssql_health_last_result_age_seconds", "mssql_health_reconnects_total");
    }

    @Test
    void twoHundredConcurrentProbesCauseNoSqlStatements() throws Exception {
        int before = sql().statementLog().size();
        ExecutorService probes = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> calls = IntStream.range(0, 200)
                    .mapToObj(i -> (Callable<Integer>) () -> given().get(i % 2 == 0 ? "/q/health/live" : "/q/health/ready").statusCode())
                    .toList();
            for (Future<Integer> status : probes.invokeAll(calls)) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            probes.shutdown();
        }

        // The agent's own periodic database read runs meanwhile; no probe may add a statement of its own.
        assertThat(sql().statementLog().since(before)).as("statements run during the probes")
                .allSatisfy(entry -> assertThat(entry.text()).isEqualTo(PERIODIC_DATABASE_READ));
    }
}
