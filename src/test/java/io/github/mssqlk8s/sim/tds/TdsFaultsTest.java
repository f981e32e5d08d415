package io.github.mssqlk8s.sim.tds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SimInstance.Availability;
import io.github.mssqlk8s.sim.SqlType;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The instance's faults as clients see them: refused, hung, slow, crashed (epoch). */
class TdsFaultsTest {

    private final ScriptedInstance instance = new ScriptedInstance("sql-faults")
            .on("SELECT 1", (batch, sink) -> {
                sink.columns(List.of(SimColumn.of("", SqlType.INT)));
                sink.row(List.of(1));
                sink.done(1, true);
            });
    private final TdsServer server = TdsServer.start(instance);

    @AfterEach
    void stop() {
        instance.availability(Availability.RUNNING);
        server.close();
    }

    @Test
    void stoppedRefusesConnectionsThenRunningAcceptsOnTheSamePort() throws SQLException {
        int port = server.port();
        instance.availability(Availability.STOPPED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                        .isInstanceOf(ConnectException.class));
        assertThatThrownBy(() -> TdsTestSupport.connect(server, "loginTimeout=2")).isInstanceOf(SQLException.class);

        instance.availability(Availability.RUNNING);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            try (Connection c = TdsTestSupport.connect(server)) {
                assertOneRow(c);
            }
        });
        assertThat(server.port()).isEqualTo(port);
    }

    @Test
    void stoppedClosesOpenConnections() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server)) {
            assertOneRow(c);
            instance.availability(Availability.STOPPED);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
            assertThatThrownBy(() -> assertOneRow(c)).isInstanceOf(SQLException.class);
        }
    }

    /** mssql-jdbc 13.2 does not bound its PRELOGIN read by loginTimeout: only socketTimeout ends the wait. */
    @Test
    void hungInstanceMakesTheLoginTimeOut() throws SQLException {
        instance.availability(Availability.HUNG);
        assertThatThrownBy(() -> TdsTestSupport.connect(server, "socketTimeout=2000"))
                .isInstanceOf(SQLException.class);
        instance.availability(Availability.RUNNING);
        try (Connection c = TdsTestSupport.connect(server)) {
            assertOneRow(c);
        }
    }

    @Test
    void hungInstanceMakesQueriesTimeOut() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server, "socketTimeout=2000")) {
            assertOneRow(c);
            instance.availability(Availability.HUNG);
            assertThatThrownBy(() -> assertOneRow(c)).isInstanceOf(SQLException.class);
        }
        instance.availability(Availability.RUNNING);
        try (Connection c = TdsTestSupport.connect(server)) {
            assertOneRow(c);
        }
    }

    @Test
    void slowAnswersHitTheQueryTimeout() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server)) {
            instance.delay(Duration.ofSeconds(3));
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(1);
                assertThatThrownBy(() -> s.executeQuery("SELECT 1")).isInstanceOf(java.sql.SQLTimeoutException.class);
            }
            instance.delay(Duration.ZERO);
            assertOneRow(c);
        }
    }

    @Test
    void crashClosesOldConnectionsAndNewOnesWork() throws SQLException {
        try (Connection old = TdsTestSupport.connect(server)) {
            assertOneRow(old);
            instance.crash();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
            assertThatThrownBy(() -> assertOneRow(old)).isInstanceOf(SQLException.class);
            try (Connection fresh = TdsTestSupport.connect(server)) {
                assertOneRow(fresh);
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(instance.closedSessions()).hasSize(2));
    }

    private static void assertOneRow(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

}
