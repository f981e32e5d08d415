package io.github.mssqlk8s.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.mssqlk8s.ha.ComponentState;
import io.github.mssqlk8s.ha.FailureCondition;
import io.github.mssqlk8s.ha.HealthStatus;
import io.github.mssqlk8s.ha.HealthVerdict;
import io.github.mssqlk8s.sim.engine.SimulatedInstance;
import io.github.mssqlk8s.testing.SqlServerSimulator;
import io.github.mssqlk8s.testing.TestConnectionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The health monitor against a simulated SQL Server, through mssql-jdbc, under each monitor policy and fault. */
class HealthMonitorSqlTest {

    private static final String INSTANCE = "mssql1-0";
    private static final String AGENT_LOGIN = "mssql_k8s_agent";
    private static final String AGENT_PASSWORD = "Agent-Passw0rd-1";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path loginDirectory;

    private SqlServerSimulator simulator;
    private SimulatedInstance sql;
    private HealthMonitor monitor;

    @BeforeEach
    void startSqlServer() {
        simulator = new SqlServerSimulator();
        sql = simulator.start(INSTANCE);
        simulator.execAsSa(INSTANCE, "CREATE LOGIN [" + AGENT_LOGIN + "] WITH PASSWORD = N'" + AGENT_PASSWORD + "';"
                + " GRANT VIEW SERVER STATE TO [" + AGENT_LOGIN + "]; CREATE DATABASE [appdb]");
        SqlServerSimulator.writeLoginFiles(loginDirectory, AGENT_LOGIN, AGENT_PASSWORD);
    }

    @AfterEach
    void stopEverything() {
        if (monitor != null) {
            monitor.stop();
        }
        simulator.close();
    }

    private HealthState watch(int policy, int healthCheckTimeoutSeconds, int connectTimeoutSeconds) {
        monitor = new HealthMonitor();
        monitor.settings = new TestConnectionSettings(simulator.port(INSTANCE), loginDirectory.toString(), policy,
                healthCheckTimeoutSeconds, connectTimeoutSeconds);
        return monitor.start();
    }

    private static HealthVerdict verdict(HealthState state) {
        return state.verdict(Instant.now());
    }

    @ParameterizedTest(name = "{0} in state {1} under policy {2}: failed={3}")
    @CsvSource({
        "system,           3, 0, false",
        "system,           3, 2, false",
        "system,           3, 3, true",
        "system,           2, 5, false",
        "resource,         3, 3, false",
        "resource,         3, 4, true",
        "query_processing, 3, 4, false",
        "query_processing, 3, 5, true",
        "io_subsystem,     3, 5, false",
        "events,           3, 5, false",
    })
    void componentStatesUnderEachPolicy(String component, int state, int policy, boolean failed) {
        HealthState health = watch(policy, 10, 5);
        await().atMost(PATIENCE).until(() -> verdict(health).status() == HealthStatus.HEALTHY);

        sql.forceComponentState(component, state);

        ComponentState expected = state == 3 ? ComponentState.ERROR : ComponentState.WARNING;
        await().atMost(PATIENCE).until(() -> componentOf(health, component) == expected);
        assertThat(verdict(health).isFailed()).as(verdict(health).reason()).isEqualTo(failed);
    }

    @Test
    void aHangBecomesUnresponsiveWithinTheHealthCheckTimeout() {
        HealthState health = watch(2, 2, 2);
        await().atMost(PATIENCE).until(() -> verdict(health).status() == HealthStatus.HEALTHY);

        sql.hang();

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(verdict(health).status()).isEqualTo(HealthStatus.FAILED);
            assertThat(verdict(health).condition()).isIn(FailureCondition.UNRESPONSIVE, FailureCondition.DOWN);
        });
        assertThat(health.answering(Instant.now())).isFalse();
        sql.unhang();
    }

    @Test
    void aStopIsDownAsSoonAsTheConnectionIsRefusedAndARestartRecovers() {
        HealthState health = watch(1, 10, 30);
        await().atMost(PATIENCE).until(() -> verdict(health).status() == HealthStatus.HEALTHY);

        sql.stop();

        // Well inside the 30 s connect timeout: a refused connection needs no waiting out.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(verdict(health).status()).isEqualTo(HealthStatus.FAILED);
            assertThat(verdict(health).reason()).contains("connection refused");
        });

        sql.start();

        await().atMost(PATIENCE).until(() -> verdict(health).status() == HealthStatus.HEALTHY);
        assertThat(health.reconnects()).isPositive();
    }

    @Test
    void aCrashDropsTheStreamAndTheMonitorComesBack() {
        HealthState health = watch(3, 10, 5);
        await().atMost(PATIENCE).until(() -> verdict(health).status() == HealthStatus.HEALTHY);
        long before = health.reconnects();

        sql.crash();
        await().atMost(PATIENCE).until(() -> health.reconnects() > before);
        sql.start();

        await().atMost(PATIENCE).until(() -> verdict(health).status() == HealthStatus.HEALTHY && health.answering(Instant.now()));
    }

    @Test
    void aWrongPasswordHealsWhenTheSecretChanges() {
        SqlServerSimulator.writeLoginFiles(loginDirectory, AGENT_LOGIN, "Not-The-Passw0rd");
        HealthState health = watch(3, 10, 5);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(health.lastProblem()).startsWith("LOGIN_FAILED"));
        assertThat(verdict(health).status()).isEqualTo(HealthStatus.FAILED);

        SqlServerSimulator.writeLoginFiles(loginDirectory, AGENT_LOGIN, AGENT_PASSWORD);

        await().atMost(PATIENCE).until(() -> verdict(health).status() == HealthStatus.HEALTHY);
    }

    @Test
    void aSuspectDatabaseFailsReadinessButNotLiveness() {
        HealthState health = watch(5, 10, 5);
        await().atMost(PATIENCE).until(() -> health.databasesOnline(Instant.now()));

        sql.forceDatabaseState("appdb", "SUSPECT");

        await().atMost(PATIENCE).until(() -> !health.databasesOnline(Instant.now()));
        assertThat(health.databaseVerdict(Instant.now()).isFailed()).isTrue();
        assertThat(verdict(health).isFailed()).as("liveness").isFalse();

        sql.forceDatabaseState("appdb", null);
        await().atMost(PATIENCE).until(() -> health.databasesOnline(Instant.now()));
    }

    private static ComponentState componentOf(HealthState health, String component) {
        if (health.latestDiagnostics() == null) {
            return null;
        }
        return switch (component) {
            case "system" -> health.latestDiagnostics().system();
            case "resource" -> health.latestDiagnostics().resource();
            case "query_processing" -> health.latestDiagnostics().queryProcessing();
            case "io_subsystem" -> health.latestDiagnostics().ioSubsystem();
            default -> health.latestDiagnostics().events();
        };
    }
}
