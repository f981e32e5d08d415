package io.github.mssqlk8s.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.mssqlk8s.sim.SimBatch;
import io.github.mssqlk8s.sim.SimParam;
import io.github.mssqlk8s.sim.SqlType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DiagnosticsTest {

    private final SimNetwork network = new SimNetwork();
    private final SimulatedInstance instance = network.createInstance("sql-0",
            InstanceOptions.withSaPassword("Sa-Passw0rd!").diagnosticsSecondsScale(0.01));
    private final SqlClient sa = SqlClient.connect(instance, "sa", "Sa-Passw0rd!");

    @AfterEach
    void close() {
        network.close();
    }

    @Test
    void onceReturnsTheFiveComponents() {
        var rows = sa.query("EXEC sp_server_diagnostics");
        assertThat(rows).extracting(r -> r.get("component_name"))
                .containsExactly("system", "resource", "query_processing", "io_subsystem", "events");
        assertThat(rows.get(0)).containsEntry("state", 1).containsEntry("state_desc", "clean")
                .containsEntry("component_type", "instance").containsKeys("create_time", "data");
        assertThat(rows.get(4)).containsEntry("state", 0).containsEntry("state_desc", "unknown");
    }

    @Test
    void forcedComponentStatesShow() {
        instance.forceComponentState("system", 3);
        instance.forceComponentState("resource", 2);
        var rows = sa.query("EXEC sp_server_diagnostics @repeat_interval = 0");
        assertThat(rows.get(0)).containsEntry("state", 3).containsEntry("state_desc", "error");
        assertThat(rows.get(1)).containsEntry("state_desc", "warning");
        instance.clearComponentStates();
        assertThat(sa.query("EXEC sp_server_diagnostics").get(0)).containsEntry("state", 1);
    }

    @Test
    void intervalBelowFiveIsRefused() {
        assertThat(sa.error("EXEC sp_server_diagnostics @repeat_interval = 3").getMessage()).contains("repeat_interval");
    }

    @Test
    void repeatStreamsUntilCancelledByRpc() {
        CollectingSink sink = new CollectingSink();
        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> sa.session.execute(new SimBatch(
                "sp_server_diagnostics", "", List.of(new SimParam("@repeat_interval", SqlType.INT, 5, false))), sink));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.resultSets.size() >= 3 && sink.flushes >= 3);
        sink.cancel();
        await().atMost(Duration.ofSeconds(5)).until(call::isDone);
        assertThat(sink.errors).isEmpty();
        assertThat(sink.resultSets.get(2).rows()).hasSize(5);
    }
}
