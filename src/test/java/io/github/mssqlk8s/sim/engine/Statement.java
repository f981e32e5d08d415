package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;

/** One parsed statement of a batch, ready to run. */
record Statement(StatementKind kind, String text, Action action) {

    @FunctionalInterface
    interface Action {
        void run(ExecContext ctx) throws SimSqlException;
    }
}
