package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.ResultSink;
import io.github.mssqlk8s.sim.SimBatch;
import io.github.mssqlk8s.sim.SimInstance.Availability;
import io.github.mssqlk8s.sim.SimSession;
import io.github.mssqlk8s.sim.SimSqlException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One connection's server side: login, current database, session context, open transaction. */
final class EngineSession implements SimSession {

    /** A write waiting for COMMIT. */
    record PendingWrite(String database, LogOp op) {
    }

    private static final java.util.Set<Integer> BATCH_ABORTING = java.util.Set.of(137, 195, 207, 208, 209, 245, 1205, 4104);

    final SimulatedInstance instance;
    final int spid;
    final Login login;
    final String applicationName;
    final long epoch;
    final Map<String, Object> sessionContext = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, Boolean> readOnlyContextKeys = new HashMap<>();
    final List<PendingWrite> pendingWrites = new ArrayList<>();
    int tranCount;
    private volatile String database;

    EngineSession(SimulatedInstance instance, int spid, Login login, String database, String applicationName, long epoch) {
        this.instance = instance;
        this.spid = spid;
        this.login = login;
        this.database = database;
        this.applicationName = applicationName;
        this.epoch = epoch;
    }

    @Override
    public int spid() {
        return spid;
    }

    @Override
    public String database() {
        return database;
    }

    void useDatabase(String name) {
        database = name;
    }

    boolean alive() {
        return epoch == instance.epoch() && instance.availability() != Availability.STOPPED;
    }

    @Override
    public void execute(SimBatch batch, ResultSink sink) {
        if (!waitUntilAnswering(sink)) {
            return;
        }
        boolean late = startLate();
        ExecContext ctx = new ExecContext(this, sink, batch.params());
        List<Statement> statements;
        try {
            statements = batch.procedure() != null
                    ? List.of(ProcedureCalls.rpc(batch.procedure(), batch.params()))
                    : new StatementParser(batch.text()).parseBatch();
        } catch (SimSqlException e) {
            log(StatementKind.INVALID, batch.text(), e.number());
            sink.error(e);
            sink.done(0, false);
            return;
        }
        for (Statement s : statements) {
            if (sink.cancelled() && !late) {
                return;
            }
            SimSqlException failure = run(s, ctx);
            ctx.drain();
            if (failure != null) {
                sink.done(0, false);
                if (abortsBatch(failure)) {
                    return;
                }
            }
        }
    }

    /**
     * Errors that end the whole batch on SQL Server (name resolution and conversion errors, deadlock victim,
     * severity 20+); other errors end only their statement.
     */
    private boolean abortsBatch(SimSqlException e) {
        if (e.number() == 1205) {
            pendingWrites.clear();
            tranCount = 0;
        }
        return e.severity() >= 20 || BATCH_ABORTING.contains(e.number());
    }

    /** Runs one statement under the lock; returns its error (already sent to the buffer) or null. */
    private SimSqlException run(Statement s, ExecContext ctx) {
        var lock = instance.network.lock();
        lock.lock();
        try {
            if (!alive()) {
                throw Errors.connectionDead();
            }
            SimSqlException injected = instance.faults.takeInjectedFailure();
            if (injected != null) {
                throw injected;
            }
            s.action().run(ctx);
            log(ctx.takeLoggedKind(s.kind()), s.text(), 0);
            return null;
        } catch (SimSqlException e) {
            log(ctx.takeLoggedKind(s.kind()), s.text(), e.number());
            ctx.error(e);
            return e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A hung instance answers nothing until unhung (the front end may also stop reading). The slow-answers
     * delay is applied by the front end from {@code responseDelay()}, not here, so it is not paid twice.
     * Returns false when the client gave up.
     */
    private boolean waitUntilAnswering(ResultSink sink) {
        while (instance.availability() == Availability.HUNG) {
            if (sink.cancelled()) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * The late-statements fault: waits before the batch starts, deaf to the client's cancel, and then runs every
     * statement of it (their own waits still honour the cancel). Returns whether the batch was held back.
     */
    private boolean startLate() {
        java.time.Duration delay = instance.faults.executionDelay;
        if (delay.isZero() || delay.isNegative()) {
            return false;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private void log(StatementKind kind, String text, int error) {
        instance.statementLog.add(new StatementLog.Entry(Instant.now(), spid, login.name, database, kind, text, error));
    }

    @Override
    public void close() {
        instance.network.lockedQuietly(() -> {
            pendingWrites.clear();
            tranCount = 0;
            instance.appLocks.releaseAll(spid);
            return null;
        });
    }
}
