package io.github.mssqlk8s.sql;

import io.github.mssqlk8s.ha.ComponentState;
import io.github.mssqlk8s.ha.ServerDiagnostics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code sp_server_diagnostics @repeat_interval = s} on one dedicated connection: SQL Server sends one result set
 * every s seconds for as long as the statement runs, the way its own cluster integration watches it.
 */
public final class ServerDiagnosticsStream {

    /** SQL Server's smallest repeat interval. */
    public static final int MIN_INTERVAL_SECONDS = 5;

    private final Connection connection;
    private volatile Statement running;

    public ServerDiagnosticsStream(Connection connection) {
        this.connection = connection;
    }

    /**
     * Blocks, handing each result to {@code onResult}, until the connection fails (thrown at once: a broken
     * socket is noticed by the blocked read) or {@link #cancel()} is called.
     */
    public void run(int intervalSeconds, Consumer<ServerDiagnostics> onResult) throws SQLException {
        int interval = Math.max(MIN_INTERVAL_SECONDS, intervalSeconds);
        try (Statement statement = connection.createStatement()) {
            running = statement;
            // The statement never ends by itself: no query timeout. Hangs are judged from the age of the last result.
            statement.setQueryTimeout(0);
            boolean isResultSet = statement.execute("EXEC sp_server_diagnostics @repeat_interval = " + interval);
            while (true) {
                if (isResultSet) {
                    try (ResultSet rows = statement.getResultSet()) {
                        onResult.accept(read(rows));
                    }
                } else if (statement.getUpdateCount() == -1) {
                    return;
                }
                isResultSet = statement.getMoreResults();
            }
        } finally {
            running = null;
        }
    }

    /** Stops the stream from another thread (an ATTENTION to SQL Server). */
    public void cancel() {
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException alreadyGone) {
                // The connection is closing anyway.
            }
        }
    }

    static ServerDiagnostics read(ResultSet rows) throws SQLException {
        Map<String, ComponentState> states = new HashMap<>();
        while (rows.next()) {
            String component = rows.getString("component_name");
            if (component != null) {
                states.put(component.toLowerCase(Locale.ROOT), ComponentState.parse(rows.getString("state_desc")));
            }
        }
        return new ServerDiagnostics(
                states.getOrDefault("system", ComponentState.UNKNOWN),
                states.getOrDefault("resource", ComponentState.UNKNOWN),
                states.getOrDefault("query_processing", ComponentState.UNKNOWN),
                states.getOrDefault("io_subsystem", ComponentState.UNKNOWN),
                states.getOrDefault("events", ComponentState.UNKNOWN));
    }
}
