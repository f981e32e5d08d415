package io.github.mssqlk8s.agent.health;

import io.github.mssqlk8s.testing.SqlServerSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** One simulated SQL Server with the agents' login, started before the application and configured into it. */
public class SimulatedSqlServerResource implements QuarkusTestResourceLifecycleManager {

    static final String INSTANCE = "mssql1-0";
    static final String AGENT_LOGIN = "mssql_k8s_agent";
    static final String AGENT_PASSWORD = "Agent-Passw0rd-1";

    private static SqlServerSimulator simulator;

    static SqlServerSimulator simulator() {
        return simulator;
    }

    @Override
    public Map<String, String> start() {
        simulator = new SqlServerSimulator();
        simulator.start(INSTANCE);
        simulator.execAsSa(INSTANCE, "CREATE LOGIN [" + AGENT_LOGIN + "] WITH PASSWORD = N'" + AGENT_PASSWORD + "';"
                + " GRANT VIEW SERVER STATE TO [" + AGENT_LOGIN + "]; CREATE DATABASE [appdb]");
        Path logins;
        try {
            logins = Files.createTempDirectory("agent-login");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SqlServerSimulator.writeLoginFiles(logins, AGENT_LOGIN, AGENT_PASSWORD);
        return Map.of(
                "mssql.k8s.sql-host", "127.0.0.1",
                "mssql.k8s.sql-port", Integer.toString(simulator.port(INSTANCE)),
                "mssql.k8s.sql-encrypt", "false",
                "mssql.k8s.sql-trust-server-certificate", "false",
                "mssql.k8s.agent-login-path", logins.toString(),
                "mssql.k8s.startup-grace-seconds", "0",
                "mssql.k8s.health-check-timeout-seconds", "10",
                // Readiness wants the databases read within the health-check timeout, so they are re-read well
                // inside it (a read once at start made every test after the first 10 s see 503 under load).
                "mssql.k8s.database-check-interval-seconds", "2");
    }

    @Override
    public void stop() {
        simulator.close();
    }
}
