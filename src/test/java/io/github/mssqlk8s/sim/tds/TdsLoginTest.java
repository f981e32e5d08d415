package io.github.mssqlk8s.sim.tds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SqlType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TdsLoginTest {

    private final ScriptedInstance instance = new ScriptedInstance("sql-0")
            .on("SELECT @@SERVERNAME", (batch, sink) -> {
                sink.columns(List.of(SimColumn.of("", SqlType.NVARCHAR)));
                sink.row(List.of("sql-0"));
                sink.done(1, true);
            });
    private final TdsServer server = TdsServer.start(instance);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void loginAndSimpleQuery() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server, "databaseName=agdb;applicationName=tds-test");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@SERVERNAME")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("sql-0");
            assertThat(rs.next()).isFalse();
            assertThat(c.getCatalog()).isEqualTo("agdb");
        }
    }

    @Test
    void badPasswordIsLoginFailed18456() {
        String url = server.jdbcUrl() + ";user=" + ScriptedInstance.USER + ";password=wrong;loginTimeout=5";
        assertThatThrownBy(() -> DriverManager.getConnection(url))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(18456))
                .hasMessageContaining("Login failed for user 'agent'.");
    }

    @Test
    void unknownLoginIsLoginFailed18456() {
        String url = server.jdbcUrl() + ";user=nobody;password=x;loginTimeout=5";
        assertThatThrownBy(() -> DriverManager.getConnection(url))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(18456));
    }

    @Test
    void encryptedConnectionWithTheTestTruststore() throws SQLException {
        String url = "jdbc:sqlserver://localhost:" + server.port() + ";user=" + ScriptedInstance.USER + ";password="
                + ScriptedInstance.PASSWORD + ";loginTimeout=5;" + TdsTestCertificate.jdbcProperties();
        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@SERVERNAME")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("sql-0");
        }
    }

    @Test
    void encryptedConnectionChecksTheCertificate() {
        String url = "jdbc:sqlserver://localhost:" + server.port() + ";user=" + ScriptedInstance.USER + ";password="
                + ScriptedInstance.PASSWORD + ";loginTimeout=5;encrypt=true;trustServerCertificate=false";
        assertThatThrownBy(() -> DriverManager.getConnection(url))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("PKIX");
    }
}
