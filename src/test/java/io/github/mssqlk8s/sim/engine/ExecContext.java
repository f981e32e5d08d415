package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.ResultSink;
import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SimParam;
import io.github.mssqlk8s.sim.SimSqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The state of one running request: session, variables and the answer. Statements run under the network
 * lock and only buffer their output; the buffer reaches the sink outside the lock (a slow client must not
 * stall the whole network), at the end of each statement and whenever a statement waits.
 */
final class ExecContext {

    final EngineSession session;
    final SimulatedInstance instance;
    private final ResultSink sink;
    private final Map<String, Object> variables = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<Consumer<ResultSink>> pending = new ArrayList<>();

    ExecContext(EngineSession session, ResultSink sink, List<SimParam> params) {
        this.session = session;
        this.instance = session.instance;
        this.sink = sink;
        for (SimParam p : params) {
            variables.put(p.name(), p.value());
        }
    }

    private StatementKind loggedKind;

    /** Overrides the kind the statement log records (an IF whose branch did not run executed nothing). */
    void loggedKind(StatementKind kind) {
        loggedKind = kind;
    }

    StatementKind takeLoggedKind(StatementKind parsed) {
        StatementKind k = loggedKind == null ? parsed : loggedKind;
        loggedKind = null;
        return k;
    }

    Object variable(String name) throws SimSqlException {
        if (name.startsWith("@@")) {
            return Functions.systemVariable(name, this);
        }
        if (!variables.containsKey(name)) {
            throw Errors.of(137, 15, "Must declare the scalar variable \"" + name + "\".");
        }
        return variables.get(name);
    }

    void declare(String name, Object value) {
        variables.put(name, value);
    }

    void assign(String name, Object value) throws SimSqlException {
        if (!variables.containsKey(name)) {
            throw Errors.of(137, 15, "Must declare the scalar variable \"" + name + "\".");
        }
        variables.put(name, value);
    }

    /** Statements only sysadmin may run here (the simulator models no finer server roles). */
    void requireSysadmin() throws SimSqlException {
        if (!session.login.sysadmin) {
            throw Errors.noPermission();
        }
    }

    ExpressionEvaluator evaluator() {
        return new ExpressionEvaluator(this);
    }

    Object eval(Expr e) throws SimSqlException {
        return evaluator().eval(e, Bindings.NONE);
    }

    // ---- buffered output ----

    void resultSet(List<SimColumn> columns, List<List<Object>> rows) {
        pending.add(s -> s.columns(columns));
        for (List<Object> row : rows) {
            pending.add(s -> s.row(row));
        }
        done(rows.size(), true);
    }

    void done(long count, boolean hasCount) {
        pending.add(s -> s.done(count, hasCount));
    }

    void info(String message) {
        pending.add(s -> s.info(0, 1, 0, message));
    }

    void returnValue(SimParam p) {
        pending.add(s -> s.returnValue(p));
    }

    void databaseChanged(String from, String to) {
        pending.add(s -> s.databaseChanged(from, to));
        info("Changed database context to '" + to + "'.");
    }

    void flushToClient() {
        pending.add(ResultSink::flush);
    }

    /** Sends buffered output; call only without the lock. */
    void drain() {
        List<Consumer<ResultSink>> copy = new ArrayList<>(pending);
        pending.clear();
        copy.forEach(c -> c.accept(sink));
    }

    void error(SimSqlException e) {
        pending.add(s -> s.error(e));
    }

    boolean cancelled() {
        return sink.cancelled();
    }

    /**
     * Waits, with the lock released, until {@code ready} holds (checked under the lock). Returns false when the
     * client cancelled first. Throws when the instance went down meanwhile (the connection is dead).
     */
    boolean await(BooleanSupplier ready) throws SimSqlException {
        var lock = instance.network.lock();
        while (true) {
            if (session.epoch != instance.epoch()) {
                throw Errors.connectionDead();
            }
            if (ready.getAsBoolean()) {
                return true;
            }
            lock.unlock();
            try {
                drain();
                if (sink.cancelled()) {
                    return false;
                }
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.lock();
            }
        }
    }
}
