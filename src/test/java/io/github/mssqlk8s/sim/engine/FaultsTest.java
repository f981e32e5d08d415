package io.github.mssqlk8s.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.mssqlk8s.sim.SimBatch;
import io.github.mssqlk8s.sim.SimInstance.Availability;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FaultsTest {

    private final SimNetwork network = new SimNetwork();
    private final SimulatedInstance instance = network.createInstance("sql-0", "Sa-Passw0rd!");
    private final SqlClient sa = SqlClient.connect(instance, "sa", "Sa-Passw0rd!");

    @AfterEach
    void close() {
        network.close();
    }

    @Test
    void stopKillsConnectionsAndStartAcceptsNewOnes() {
        long epoch = instance.epoch();
        instance.stop();
        assertThat(instance.availability()).isEqualTo(Availability.STOPPED);
        assertThat(instance.epoch()).isEqualTo(epoch + 1);
        assertThat(sa.error("SELECT 1").severity()).isGreaterThanOrEqualTo(20);
        instance.start();
        assertThat(instance.availability()).isEqualTo(Availability.RUNNING);
        assertThat(SqlClient.connect(instance, "sa", "Sa-Passw0rd!").scalar("SELECT 1")).isEqualTo(1);
    }

    @Test
    void crashLosesTheOpenTransaction() {
        sa.exec("CREATE DATABASE app; USE app; CREATE TABLE t (id INT PRIMARY KEY)");
        sa.exec("BEGIN TRAN; INSERT INTO t (id) VALUES (1)");
        instance.restart();
        SqlClient again = SqlClient.connect(instance, "sa", "Sa-Passw0rd!");
        assertThat(again.scalar("SELECT COUNT(*) FROM app.dbo.t")).isEqualTo(0);
    }

    @Test
    void hungInstanceAnswersNothingUntilUnhung() {
        instance.hang();
        assertThat(instance.availability()).isEqualTo(Availability.HUNG);
        CollectingSink sink = new CollectingSink();
        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> sa.session.execute(SimBatch.sql("SELECT 1"), sink));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !call.isDone());
        instance.unhang();
        await().atMost(Duration.ofSeconds(5)).until(call::isDone);
        assertThat(sink.resultSets).hasSize(1);
    }

    @Test
    void slowAnswersAreReportedToTheFrontEnd() {
        instance.setResponseDelay(Duration.ofMillis(20));
        assertThat(instance.responseDelay()).isEqualTo(Duration.ofMillis(20));
        assertThat(sa.scalar("SELECT 1")).isEqualTo(1);
    }

    @Test
    void nextStatementsFailWithTheInjectedError() {
        instance.failNextStatements(2, 1205);
        assertThat(sa.error("SELECT 1").number()).isEqualTo(1205);
        assertThat(sa.error("SELECT 1").number()).isEqualTo(1205);
        assertThat(sa.scalar("SELECT 1")).isEqualTo(1);
        assertThat(instance.statementLog().entries()).extracting(StatementLog.Entry::errorNumber).containsExactly(1205, 1205, 0);
    }

    @Test
    void forcedDatabaseStatesShowAndBlockAccess() {
        sa.exec("CREATE DATABASE app");
        instance.forceDatabaseState("app", "SUSPECT");
        assertThat(sa.scalar("SELECT state_desc FROM sys.databases WHERE name = 'app'")).isEqualTo("SUSPECT");
        assertThat(sa.error("USE app").number()).isEqualTo(926);
        instance.forceDatabaseState("app", "RECOVERING");
        assertThat(sa.error("USE app").number()).isEqualTo(922);
        instance.forceDatabaseState("app", null);
        sa.exec("USE app");
    }
}
