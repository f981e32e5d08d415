package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.ResultSink;
import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SimParam;
import io.github.mssqlk8s.sim.SimSqlException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Test helper: records everything an engine answers; {@link #cancel()} plays the client's ATTENTION. */
final class CollectingSink implements ResultSink {

    /** One result set with its rows. */
    record ResultSet(List<SimColumn> columns, List<List<Object>> rows) {

        List<Map<String, Object>> maps() {
            List<Map<String, Object>> out = new ArrayList<>();
            for (List<Object> row : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    m.put(columns.get(i).name(), row.get(i));
                }
                out.add(m);
            }
            return out;
        }
    }

    final List<ResultSet> resultSets = Collections.synchronizedList(new ArrayList<>());
    final List<SimSqlException> errors = Collections.synchronizedList(new ArrayList<>());
    final List<String> infos = Collections.synchronizedList(new ArrayList<>());
    final List<SimParam> returnValues = Collections.synchronizedList(new ArrayList<>());
    final List<Long> counts = Collections.synchronizedList(new ArrayList<>());
    final List<String> databaseChanges = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean cancelled = new AtomicBoolean();
    volatile int flushes;
    private ResultSet current;

    void cancel() {
        cancelled.set(true);
    }

    @Override
    public synchronized void columns(List<SimColumn> columns) {
        current = new ResultSet(columns, new ArrayList<>());
        resultSets.add(current);
    }

    @Override
    public synchronized void row(List<Object> values) {
        current.rows().add(values);
    }

    @Override
    public void done(long rowCount, boolean hasCount) {
        if (hasCount) {
            counts.add(rowCount);
        }
    }

    @Override
    public void info(int number, int state, int severity, String message) {
        infos.add(message);
    }

    @Override
    public void error(SimSqlException error) {
        errors.add(error);
    }

    @Override
    public void returnValue(SimParam value) {
        returnValues.add(value);
    }

    @Override
    public void databaseChanged(String oldDatabase, String newDatabase) {
        databaseChanges.add(newDatabase);
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public boolean cancelled() {
        return cancelled.get();
    }
}
