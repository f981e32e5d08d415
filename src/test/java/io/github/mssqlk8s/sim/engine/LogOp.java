package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimColumn;
import java.util.List;

/** A change to a database, recorded in its log so it can be replayed on secondaries. */
sealed interface LogOp {

    void apply(Database db);

    record CreateTable(String table, List<SimColumn> columns, int keyIndex) implements LogOp {
        @Override
        public void apply(Database db) {
            db.tables.put(table, new UserTable(table, columns, keyIndex));
        }
    }

    record InsertRow(String table, Object[] values) implements LogOp {
        @Override
        public void apply(Database db) {
            db.tables.get(table).rows.add(values);
        }
    }
}
