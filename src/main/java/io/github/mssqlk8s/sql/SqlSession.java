package io.github.mssqlk8s.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One connection with a query timeout, for the desired-state classes of this package: catalog reads bind their
 * values as JDBC parameters; statements without parameter syntax (DDL) are built with {@link SqlQuote}.
 */
public final class SqlSession implements AutoCloseable {

    /** Reads one row. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final Connection connection;
    private final int timeoutSeconds;

    public SqlSession(Connection connection, Duration queryTimeout) {
        this.connection = connection;
        this.timeoutSeconds = (int) Math.max(1, queryTimeout.toSeconds());
    }

    /**
     * Runs a batch and walks every result: mssql-jdbc raises the error of a later statement in the batch only
     * when its result is reached.
     */
    public void execute(String batch) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            boolean isResultSet = statement.execute(batch);
            while (isResultSet || statement.getUpdateCount() != -1) {
                isResultSet = statement.getMoreResults();
            }
        }
    }

    public <T> List<T> query(String sql, RowReader<T> reader, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(reader.read(result));
                }
            }
            return rows;
        }
    }

    /** The first row's value; empty when there is no row or the reader made null of it. */
    public <T> Optional<T> queryOne(String sql, RowReader<T> reader, Object... parameters) throws SQLException {
        List<T> rows = query(sql, reader, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
