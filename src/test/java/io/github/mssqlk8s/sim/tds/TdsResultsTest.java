package io.github.mssqlk8s.sim.tds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SimSqlException;
import io.github.mssqlk8s.sim.SqlType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Result sets, update counts, messages and errors of SQL batches. */
class TdsResultsTest {

    private final ScriptedInstance instance = new ScriptedInstance("sql-results")
            .on("multi", (batch, sink) -> {
                sink.columns(List.of(SimColumn.of("a", SqlType.INT)));
                sink.row(List.of(1));
                sink.row(List.of(2));
                sink.done(2, true);
                sink.done(3, true);                       // an UPDATE of 3 rows
                sink.columns(List.of(SimColumn.of("name", SqlType.NVARCHAR), SimColumn.of("n", SqlType.BIGINT)));
                sink.row(List.of("x", 10L));
                sink.done(1, true);
                sink.done(0, false);                      // DDL: no count
            })
            .on("print", (batch, sink) -> {
                sink.info(0, 1, 0, "first message");
                sink.info(0, 1, 0, "second message");
                sink.done(0, false);
            })
            .on("fails midway", (batch, sink) -> {
                sink.columns(List.of(SimColumn.of("a", SqlType.INT)));
                sink.row(List.of(1));
                sink.done(1, true);
                sink.error(new SimSqlException(41142, 1, 16,
                        "The availability replica for availability group 'ag' cannot become the primary."));
                sink.done(0, false);
            })
            .on("fails", (batch, sink) -> {
                sink.error(new SimSqlException(47119, 1, 16, "The current write lease has not expired."));
                sink.done(0, false);
            });
    private final TdsServer server = TdsServer.start(instance);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void multipleResultSetsAndUpdateCounts() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server); Statement s = c.createStatement()) {
            assertThat(s.execute("multi")).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
                assertThat(rs.next()).isFalse();
            }
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(3);
            assertThat(s.getMoreResults()).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("name")).isEqualTo("x");
                assertThat(rs.getLong("n")).isEqualTo(10L);
            }
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(-1);
        }
    }

    @Test
    void infoMessagesAreWarnings() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server); Statement s = c.createStatement()) {
            s.execute("print");
            SQLWarning w = s.getWarnings();
            assertThat((Object) w).isNotNull();
            assertThat(w.getMessage()).isEqualTo("first message");
            assertThat(w.getNextWarning().getMessage()).isEqualTo("second message");
        }
    }

    @Test
    void errorAfterAResultSet() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server); Statement s = c.createStatement()) {
            assertThat(s.execute("fails midway")).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThatThrownBy(s::getMoreResults)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(41142))
                    .hasMessageContaining("cannot become the primary");
            try (ResultSet rs = s.executeQuery("multi")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void errorOnly() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("fails"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(47119);
                        assertThat(e.getSQLState()).isNotNull();
                    });
            assertThat(s.execute("anything else")).isFalse();
        }
    }

    @Test
    void batchTextLargerThanThePacketSize() throws SQLException {
        String big = "SELECT '" + "x".repeat(100_000) + "'";
        try (Connection c = TdsTestSupport.connect(server, "packetSize=512"); Statement s = c.createStatement()) {
            s.execute(big);
        }
        assertThat(instance.received()).anySatisfy(b -> assertThat(b.text()).isEqualTo(big));
    }

    @Test
    void useDatabaseChangesTheCatalog() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server); Statement s = c.createStatement()) {
            assertThat(c.getCatalog()).isEqualTo("master");
            s.execute("USE agdb");
            assertThat(c.getCatalog()).isEqualTo("agdb");
        }
    }

    @Test
    void sessionIsClosedWhenTheClientLeaves() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server)) {
            assertThat(c.isValid(2)).isTrue();
        }
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(instance.closedSessions()).hasSize(1));
    }

    /** mssql-jdbc does transactions with SQL text, which reaches the engine like any batch. */
    @Test
    void manualCommitReachesTheEngine() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE t SET a = 1");
            }
            c.commit();
            c.setAutoCommit(true);
        }
        assertThat(instance.received()).extracting(b -> b.text().trim().toUpperCase())
                .anySatisfy(t -> assertThat(t).contains("IMPLICIT_TRANSACTIONS ON"))
                .anySatisfy(t -> assertThat(t).contains("COMMIT"));
    }
}
