package io.github.mssqlk8s.sim.tds;

import io.github.mssqlk8s.sim.ResultSink;
import io.github.mssqlk8s.sim.SimBatch;
import io.github.mssqlk8s.sim.SimInstance;
import io.github.mssqlk8s.sim.SimSession;
import io.github.mssqlk8s.sim.SimSqlException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test double of {@link SimInstance} for the TDS front end tests: answers configured batches with
 * canned results, records every batch it received, and can be switched STOPPED/HUNG/slow or "crash"
 * (epoch bump). Not the engine.
 */
final class ScriptedInstance implements SimInstance {

    /** How the fake answers one batch. */
    @FunctionalInterface
    interface Answer {
        void answer(SimBatch batch, ResultSink sink);
    }

    static final String USER = "agent";
    static final String PASSWORD = "S3cret!pw";

    private final String name;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<SimBatch> received = new CopyOnWriteArrayList<>();
    private final List<String> closedSessions = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextSpid = new AtomicInteger(51);
    private final AtomicLong epoch = new AtomicLong();
    private volatile Availability availability = Availability.RUNNING;
    private volatile Duration delay = Duration.ZERO;

    ScriptedInstance(String name) {
        this.name = name;
    }

    /** Answers a SQL text (whitespace-normalized) or an RPC procedure name. */
    ScriptedInstance on(String textOrProcedure, Answer answer) {
        answers.put(normalize(textOrProcedure), answer);
        return this;
    }

    /** mssql-jdbc pads the text it rewrites ({@code SELECT ?} becomes {@code SELECT  @P0 }). */
    private static String normalize(String text) {
        return text.trim().replaceAll("\\s+", " ");
    }

    List<SimBatch> received() {
        return received;
    }

    List<String> closedSessions() {
        return closedSessions;
    }

    void availability(Availability value) {
        availability = value;
    }

    void delay(Duration value) {
        delay = value;
    }

    void crash() {
        epoch.incrementAndGet();
    }

    @Override
    public String serverName() {
        return name;
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public Duration responseDelay() {
        return delay;
    }

    @Override
    public long epoch() {
        return epoch.get();
    }

    @Override
    public SimSession login(String loginName, String password, String database, String applicationName)
            throws SimSqlException {
        if (!USER.equals(loginName)) {
            throw new SimSqlException(18456, 5, 14, "Login failed for user '" + loginName + "'.");
        }
        if (!PASSWORD.equals(password)) {
            throw new SimSqlException(18456, 8, 14, "Login failed for user '" + loginName + "'.");
        }
        int spid = nextSpid.getAndIncrement();
        String db = database == null || database.isEmpty() ? "master" : database;
        return new SimSession() {
            private volatile String current = db;

            @Override
            public int spid() {
                return spid;
            }

            @Override
            public String database() {
                return current;
            }

            @Override
            public void execute(SimBatch batch, ResultSink sink) {
                received.add(batch);
                String key = batch.procedure() != null ? batch.procedure() : normalize(batch.text());
                Answer answer = answers.get(key);
                if (answer != null) {
                    answer.answer(batch, sink);
                } else if (key.toUpperCase().startsWith("USE ")) {
                    String old = current;
                    current = key.substring(4).trim();
                    sink.databaseChanged(old, current);
                    sink.info(5701, 1, 0, "Changed database context to '" + current + "'.");
                    sink.done(0, false);
                } else {
                    sink.done(0, false);
                }
            }

            @Override
            public void close() {
                closedSessions.add(loginName + "#" + spid);
            }
        };
    }
}
