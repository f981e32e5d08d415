package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimColumn;
import java.util.List;

/** A named row set in a query: a catalog view's rows or a user table's. */
record Relation(String name, String alias, List<SimColumn> columns, List<Object[]> rows) {

    boolean answersTo(String qualifier) {
        return qualifier == null || qualifier.equalsIgnoreCase(alias) || (alias == null && qualifier.equalsIgnoreCase(name));
    }

    int columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }
}
