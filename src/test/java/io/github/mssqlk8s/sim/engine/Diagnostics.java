package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SimSqlException;
import io.github.mssqlk8s.sim.SqlType;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** {@code sp_server_diagnostics}: one result set, or one every @repeat_interval seconds until cancelled. */
final class Diagnostics {

    private static final List<String> COMPONENTS = List.of("system", "resource", "query_processing", "io_subsystem", "events");
    private static final List<String> STATE_DESC = List.of("unknown", "clean", "warning", "error");
    private static final List<SimColumn> COLUMNS = List.of(
            SimColumn.of("create_time", SqlType.DATETIME2),
            new SimColumn("component_type", SqlType.NVARCHAR, 128, 0, 0, true),
            new SimColumn("component_name", SqlType.NVARCHAR, 128, 0, 0, true),
            SimColumn.of("state", SqlType.INT),
            new SimColumn("state_desc", SqlType.NVARCHAR, 128, 0, 0, true),
            SimColumn.max("data", SqlType.VARCHAR));

    private Diagnostics() {
    }

    static int run(ExecContext ctx, Object interval) throws SimSqlException {
        SimulatedInstance instance = ctx.instance;
        if (!instance.security.hasServerPermission(ctx.session.login, "VIEW SERVER STATE")) {
            throw Errors.userNoPermission();
        }
        int seconds = interval == null ? 0 : Values.toDecimal(interval).intValue();
        if (seconds != 0 && seconds < 5) {
            throw Errors.simulator("sp_server_diagnostics: @repeat_interval must be 0 or at least 5 seconds (got "
                    + seconds + ").");
        }
        if (seconds == 0) {
            ctx.resultSet(COLUMNS, rows(instance));
            return 0;
        }
        long periodNanos = (long) (seconds * instance.options.diagnosticsSecondsScale * 1_000_000_000L);
        while (true) {
            ctx.resultSet(COLUMNS, rows(instance));
            ctx.flushToClient();
            long due = System.nanoTime() + periodNanos;
            if (!ctx.await(() -> System.nanoTime() >= due)) {
                return 0;
            }
        }
    }

    private static List<List<Object>> rows(SimulatedInstance instance) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        List<List<Object>> rows = new ArrayList<>();
        for (String component : COMPONENTS) {
            int normal = component.equals("events") ? 0 : 1;
            int state = instance.faults.componentStates.getOrDefault(component, normal);
            rows.add(List.of(now, "instance", component, state, STATE_DESC.get(state),
                    "<" + component + " simulated=\"true\" state=\"" + STATE_DESC.get(state) + "\"/>"));
        }
        for (AvailabilityGroupState ag : instance.availabilityGroups.values()) {
            rows.add(List.of(now, "alwaysOn:AvailabilityGroup", ag.name, 1, "clean",
                    "<availabilityGroup name=\"" + ag.name + "\" role=\"" + ag.localRole + "\"/>"));
        }
        return rows;
    }
}
