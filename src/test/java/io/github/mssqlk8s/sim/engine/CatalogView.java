package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A system view: its columns and a function building its rows from the instance state at query time.
 *
 * @param needsViewServerState dynamic management views need VIEW SERVER STATE
 */
record CatalogView(String name, List<SimColumn> columns, boolean needsViewServerState,
        Function<ExecContext, List<Object[]>> rows) {

    /** Columns written as {@code "name:TYPE"}. */
    static List<SimColumn> columns(String... specs) {
        List<SimColumn> out = new ArrayList<>();
        for (String spec : specs) {
            String[] p = spec.split(":");
            SqlType type = SqlType.valueOf(p[1]);
            out.add(type == SqlType.NVARCHAR || type == SqlType.VARCHAR
                    ? new SimColumn(p[0], type, 128, 0, 0, true) : SimColumn.of(p[0], type));
        }
        return out;
    }
}
