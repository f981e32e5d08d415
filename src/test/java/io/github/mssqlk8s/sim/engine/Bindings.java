package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SimSqlException;

/** Resolves column references for one row while an expression is evaluated. */
interface Bindings {

    Bindings NONE = new Bindings() {
        @Override
        public Object value(String qualifier, String name) throws SimSqlException {
            throw Errors.invalidColumn(name);
        }

        @Override
        public SimColumn column(String qualifier, String name) throws SimSqlException {
            throw Errors.invalidColumn(name);
        }
    };

    Object value(String qualifier, String name) throws SimSqlException;

    SimColumn column(String qualifier, String name) throws SimSqlException;
}
