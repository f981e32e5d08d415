package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimColumn;
import java.util.ArrayList;
import java.util.List;

/** A user table: declared columns, an optional single-column primary key, rows in insertion order. */
final class UserTable {

    final String name;
    final List<SimColumn> columns;
    /** Index of the primary key column, or -1. */
    final int keyIndex;
    final List<Object[]> rows = new ArrayList<>();

    UserTable(String name, List<SimColumn> columns, int keyIndex) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.keyIndex = keyIndex;
    }

    /** A stable object id for OBJECT_ID() and sys.tables. */
    static int objectId(String tableName) {
        return Math.abs(tableName.toLowerCase(java.util.Locale.ROOT).hashCode() % 1_000_000_000) + 1000;
    }

    UserTable copy() {
        UserTable t = new UserTable(name, columns, keyIndex);
        t.rows.addAll(rows);
        return t;
    }

    int columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    boolean containsKey(Object key) {
        return keyIndex >= 0 && rows.stream().anyMatch(r -> Values.equal(r[keyIndex], key));
    }
}
