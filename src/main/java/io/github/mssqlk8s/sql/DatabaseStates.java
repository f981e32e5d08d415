package io.github.mssqlk8s.sql;

import io.github.mssqlk8s.ha.DatabaseState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code sys.databases.state_desc} of every database on the instance. */
public final class DatabaseStates {

    private DatabaseStates() {
    }

    public static Map<String, DatabaseState> query(Connection connection, Duration timeout) throws SQLException {
        Map<String, DatabaseState> states = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (ResultSet rows = statement.executeQuery("SELECT name, state_desc FROM sys.databases ORDER BY name")) {
                while (rows.next()) {
                    states.put(rows.getString("name"), DatabaseState.parse(rows.getString("state_desc")));
                }
            }
        }
        return states;
    }
}
