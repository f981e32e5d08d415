package io.github.mssqlk8s.sim.tds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.mssqlk8s.sim.SimBatch;
import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SimParam;
import io.github.mssqlk8s.sim.SimSqlException;
import io.github.mssqlk8s.sim.SqlType;
import java.math.BigDecimal;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RPC: sp_executesql, sp_prepexec/sp_execute handle reuse, procedures by name with OUTPUT parameters. */
class TdsRpcTest {

    private static final BigDecimal LSN = new BigDecimal("98000000123400001");

    private final ScriptedInstance instance = new ScriptedInstance("sql-rpc")
            .on("SELECT name FROM sys.databases WHERE database_id = @P0", (batch, sink) -> {
                sink.columns(List.of(SimColumn.of("name", SqlType.NVARCHAR)));
                sink.row(List.of("db" + batch.params().get(0).value()));
                sink.done(1, true);
            })
            .on("UPDATE t SET a = @P0 WHERE b = @P1", (batch, sink) -> sink.done(2, true));
    private final TdsServer server = TdsServer.start(instance);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void preparedStatementIsPreparedOnceThenExecutedByHandle() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server);
             PreparedStatement ps = c.prepareStatement("SELECT name FROM sys.databases WHERE database_id = ?")) {
            for (int id = 1; id <= 4; id++) {
                ps.setInt(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("db" + id);
                }
            }
        }
        assertThat(server.requestLog()).containsSubsequence(
                "RPC sp_executesql", "RPC sp_prepexec", "RPC sp_execute handle=1", "RPC sp_execute handle=1");
        assertThat(instance.received()).extracting(b -> b.params().get(0))
                .containsExactly(new SimParam("@P0", SqlType.INT, 1, false), new SimParam("@P0", SqlType.INT, 2, false),
                        new SimParam("@P0", SqlType.INT, 3, false), new SimParam("@P0", SqlType.INT, 4, false));
        assertThat(instance.received()).extracting(SimBatch::procedure).containsOnlyNulls();
    }

    @Test
    void preparedUpdateCountsAndBatch() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server);
             PreparedStatement ps = c.prepareStatement("UPDATE t SET a = ? WHERE b = ?")) {
            ps.setString(1, "x");
            ps.setInt(2, 1);
            assertThat(ps.executeUpdate()).isEqualTo(2);
            for (int i = 0; i < 3; i++) {
                ps.setString(1, "y" + i);
                ps.setInt(2, i);
                ps.addBatch();
            }
            assertThat(ps.executeBatch()).containsExactly(2, 2, 2);
        }
        assertThat(instance.received()).hasSize(4);
        assertThat(instance.received().get(3).params()).extracting(SimParam::name).containsExactly("@P0", "@P1");
    }

    /**
     * mssql-jdbc 13 sends {@code {call proc(?, ?)}} as {@code EXEC proc @P0, @P1 OUT} through sp_executesql;
     * the engine names the OUTPUT value as declared and the front end maps it back to its RPC ordinal.
     */
    @Test
    void callableStatementWithOutputParameter() throws SQLException {
        instance.on("EXEC dbo.last_hardened_lsn @P0 , @P1 OUT", (batch, sink) -> {
            sink.columns(List.of(SimColumn.of("note", SqlType.NVARCHAR)));
            sink.row(List.of("computing"));
            sink.done(1, true);
            sink.returnValue(new SimParam("@P1", SqlType.DECIMAL, LSN, true));
        });
        try (Connection c = TdsTestSupport.connect(server);
             CallableStatement cs = c.prepareCall("{call dbo.last_hardened_lsn(?, ?)}")) {
            cs.setString(1, "agdb");
            cs.registerOutParameter(2, Types.DECIMAL, 0);
            assertThat(cs.execute()).isTrue();
            try (ResultSet rs = cs.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("computing");
            }
            assertThat(cs.getBigDecimal(2)).isEqualByComparingTo(LSN);
        }
        assertThat(server.requestLog()).containsExactly("RPC sp_executesql");
        assertThat(instance.received().get(0).params()).extracting(SimParam::name, SimParam::value, SimParam::output)
                .containsExactly(tuple("@P0", "agdb", false), tuple("@P1", null, true));
    }

    /** With a return value mssql-jdbc sends {@code EXEC @P0 = proc …} through sp_executesql. */
    @Test
    void callableStatementWithReturnValue() throws SQLException {
        instance.on("EXEC @P0 = dbo.last_hardened_lsn @P1 , @P2 OUT", (batch, sink) -> {
            sink.returnValue(new SimParam("@P2", SqlType.DECIMAL, LSN, true));
            sink.returnValue(new SimParam("@P0", SqlType.INT, 7, true));
            sink.done(0, false);
        });
        try (Connection c = TdsTestSupport.connect(server);
             CallableStatement cs = c.prepareCall("{? = call dbo.last_hardened_lsn(?, ?)}")) {
            cs.registerOutParameter(1, Types.INTEGER);
            cs.setString(2, "agdb");
            cs.registerOutParameter(3, Types.DECIMAL, 0);
            cs.execute();
            assertThat(cs.getInt(1)).isEqualTo(7);
            assertThat(cs.getBigDecimal(3)).isEqualByComparingTo(LSN);
        }
        assertThat(server.requestLog()).containsExactly("RPC sp_executesql");
    }

    @Test
    void procedureErrorIsThrown() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server);
             CallableStatement cs = c.prepareCall("{call dbo.fails}")) {
            instance.on("EXEC dbo.fails", (batch, sink) -> {
                sink.error(new SimSqlException(41104, 1, 16, "Failover failed."));
                sink.done(0, false);
            });
            assertThatThrownBy(cs::execute)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(41104));
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM sys.databases WHERE database_id = ?")) {
                ps.setInt(1, 9);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
        }
    }
}
