package io.github.mssqlk8s.testing;

import io.github.mssqlk8s.sim.ResultSink;
import io.github.mssqlk8s.sim.SimBatch;
import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SimParam;
import io.github.mssqlk8s.sim.SimSession;
import io.github.mssqlk8s.sim.SimSqlException;
import io.github.mssqlk8s.sim.engine.InstanceOptions;
import io.github.mssqlk8s.sim.engine.SimNetwork;
import io.github.mssqlk8s.sim.engine.SimulatedInstance;
import io.github.mssqlk8s.sim.tds.TdsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Simulated SQL Server instances reachable over TDS on loopback, for tests of the SQL-facing code: each
 * instance gets a listener, {@code sa} can run setup SQL, and a login can be written as the agents' Secret files.
 */
public final class SqlServerSimulator implements AutoCloseable {

    public static final String SA_PASSWORD = "Sim-Sa-Passw0rd!";
    /** sp_server_diagnostics' 5-second minimum becomes 50 ms, so health tests run quickly. */
    private static final double DIAGNOSTICS_SCALE = 0.01;

    private final SimNetwork network = new SimNetwork();
    private final Map<String, TdsServer> listeners = new LinkedHashMap<>();

    public SimulatedInstance start(String name) {
        return start(name, DIAGNOSTICS_SCALE);
    }

    /** {@code diagnosticsScale} 1.0 keeps SQL Server's real timing (benchmarks); tests speed it up. */
    public SimulatedInstance start(String name, double diagnosticsScale) {
        SimulatedInstance instance = network.createInstance(name,
                InstanceOptions.withSaPassword(SA_PASSWORD).diagnosticsSecondsScale(diagnosticsScale));
        listeners.put(name, TdsServer.start(instance));
        return instance;
    }

    public SimulatedInstance instance(String name) {
        return network.instance(name);
    }

    public SimNetwork network() {
        return network;
    }

    public int port(String name) {
        return listeners.get(name).port();
    }

    /** Runs setup SQL as sa, straight into the engine; any SQL error fails the test. */
    public void execAsSa(String name, String sql) {
        try {
            SimSession session = network.instance(name).login("sa", SA_PASSWORD, "master", "test-setup");
            List<String> errors = new ArrayList<>();
            session.execute(SimBatch.sql(sql), new ErrorCollectingSink(errors));
            session.close();
            if (!errors.isEmpty()) {
                throw new AssertionError("setup SQL failed on " + name + ": " + errors);
            }
        } catch (SimSqlException loginFailed) {
            throw new AssertionError("sa login failed on " + name + ": " + loginFailed.getMessage(), loginFailed);
        }
    }

    /**
     * A JDBC connection as sa to the instance listening on {@code port}, with short login and socket timeouts so a
     * stopped or hung instance fails the caller quickly.
     */
    public static Connection connectAsSa(int port) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", SA_PASSWORD);
        p.setProperty("encrypt", "false");
        p.setProperty("loginTimeout", "2");
        p.setProperty("socketTimeout", "5000");
        return DriverManager.getConnection("jdbc:sqlserver://127.0.0.1:" + port, p);
    }

    /** Writes {@code username} and {@code password} files as the mounted agent-login Secret would hold them. */
    public static Path writeLoginFiles(Path directory, String login, String password) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("username"), login);
            Files.writeString(directory.resolve("password"), password);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        listeners.values().forEach(TdsServer::close);
        network.close();
    }

    /** Keeps only the errors of a setup batch. */
    private record ErrorCollectingSink(List<String> errors) implements ResultSink {
        @Override
        public void columns(List<SimColumn> columns) {
        }

        @Override
        public void row(List<Object> values) {
        }

        @Override
        public void done(long rowCount, boolean hasCount) {
        }

        @Override
        public void info(int number, int state, int severity, String message) {
        }

        @Override
        public void error(SimSqlException error) {
            errors.add(error.number() + ": " + error.getMessage());
        }

        @Override
        public void returnValue(SimParam value) {
        }

        @Override
        public void databaseChanged(String oldDatabase, String newDatabase) {
        }

        @Override
        public void flush() {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    }
}
