package io.github.mssqlk8s.sim.tds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.mssqlk8s.sim.ResultSink;
import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SqlType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ATTENTION: Statement.cancel(), query timeouts, and cancelling a streamed (flushed) answer. */
class TdsCancelTest {

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean sawCancel = new AtomicBoolean();
    private final Semaphore nextDiagnostics = new Semaphore(0);
    private final AtomicInteger streamed = new AtomicInteger();

    private final ScriptedInstance instance = new ScriptedInstance("sql-cancel")
            .on("WAITFOR DELAY '01:00:00'", (batch, sink) -> {
                running.set(true);
                while (!sink.cancelled()) {
                    waitABit(null);
                }
                sawCancel.set(true);
                running.set(false);
            })
            .on("SELECT 1", (batch, sink) -> {
                sink.columns(List.of(SimColumn.of("", SqlType.INT)));
                sink.row(List.of(1));
                sink.done(1, true);
            })
            .on("EXEC sp_server_diagnostics @repeat_interval = 5", this::diagnostics);
    private final TdsServer server = TdsServer.start(instance);

    @AfterEach
    void stop() {
        server.close();
    }

    /** Streams one result set per permit, as sp_server_diagnostics does every repeat interval. */
    private void diagnostics(io.github.mssqlk8s.sim.SimBatch batch, ResultSink sink) {
        while (!sink.cancelled()) {
            sink.columns(List.of(SimColumn.of("component_name", SqlType.NVARCHAR), SimColumn.of("state", SqlType.INT)));
            sink.row(List.of("system", streamed.get()));
            sink.done(1, true);
            streamed.incrementAndGet();
            sink.flush();
            while (!sink.cancelled() && !waitABit(nextDiagnostics)) {
                // wait for the next interval or the cancel
            }
        }
        sawCancel.set(true);
    }

    /** The fake engine's poll of cancelled(): at most 10 ms per round. */
    private static boolean waitABit(Semaphore permits) {
        try {
            if (permits != null) {
                return permits.tryAcquire(10, TimeUnit.MILLISECONDS);
            }
            TimeUnit.MILLISECONDS.sleep(10);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Test
    void queryTimeoutCancelsAndTheConnectionStaysUsable() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            assertThatThrownBy(() -> s.execute("WAITFOR DELAY '01:00:00'")).isInstanceOf(SQLTimeoutException.class);
            assertThat(sawCancel).isTrue();
            assertOneRow(s);
        }
    }

    @Test
    void statementCancelFromAnotherThread() throws Exception {
        try (Connection c = TdsTestSupport.connect(server); Statement s = c.createStatement()) {
            Thread canceller = new Thread(() -> {
                await().atMost(Duration.ofSeconds(10)).untilTrue(running);
                try {
                    s.cancel();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            canceller.start();
            assertThatThrownBy(() -> s.execute("WAITFOR DELAY '01:00:00'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("canceled");
            canceller.join(10_000);
            assertThat(sawCancel).isTrue();
            assertOneRow(s);
        }
    }

    @Test
    void streamedResultSetsArriveAsFlushedThenCancel() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server); Statement s = c.createStatement()) {
            assertThat(s.execute("EXEC sp_server_diagnostics @repeat_interval = 5")).isTrue();
            for (int i = 0; i < 3; i++) {
                if (i > 0) {
                    assertThat(s.getMoreResults()).isTrue();
                }
                ResultSet rs = s.getResultSet();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("component_name")).isEqualTo("system");
                assertThat(rs.getInt("state")).isEqualTo(i);
                // The engine has not produced the next one: the client read what was flushed. (Asking
                // rs.next() again would wait for the next token, i.e. the next interval, as with SQL Server.)
                assertThat(streamed.get()).isEqualTo(i + 1);
                if (i < 2) {
                    nextDiagnostics.release();
                }
            }
            s.cancel();
            await().atMost(Duration.ofSeconds(10)).untilTrue(sawCancel);
            try {
                while (s.getMoreResults() || s.getUpdateCount() != -1) {
                    // drain whatever the driver still reports before the ATTN acknowledgement
                }
            } catch (SQLException e) {
                assertThat(e.getMessage()).contains("canceled");
            }
            assertOneRow(s);
        }
    }

    @Test
    void idleCancelIsHarmless() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server); Statement s = c.createStatement()) {
            assertOneRow(s);
            s.cancel();
            assertOneRow(s);
        }
    }

    private static void assertOneRow(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }
}
