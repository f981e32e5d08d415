package io.github.mssqlk8s.sim.engine;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** A database: state, recovery model, user tables, its log, and its availability-group membership. */
final class Database {

    private static final AtomicLong RECORD_UIDS = new AtomicLong();

    final int id;
    final String name;
    final LocalDateTime created;
    final Map<String, UserTable> tables = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final List<LogRecord> log = new ArrayList<>();
    String recoveryModel = "FULL";
    boolean backedUp;
    /** A state forced by a fault (SUSPECT, RECOVERING, …); null when not forced. */
    String forcedState;
    /** The availability group this database belongs to, or null. */
    String availabilityGroup;
    /** On a secondary: the synchronization state seen locally. */
    String syncState = "NOT SYNCHRONIZING";
    /** On a secondary: whether a planned failover to this replica would lose nothing (frozen when the primary is lost). */
    boolean failoverReady;
    /** On a secondary: data movement suspended (after a forced failover, or SET HADR SUSPEND) until SET HADR RESUME. */
    boolean suspended;

    Database(int id, String name, LocalDateTime created) {
        this.id = id;
        this.name = name;
        this.created = created;
    }

    String stateDesc() {
        return forcedState != null ? forcedState : "ONLINE";
    }

    boolean isSystem() {
        return id <= 4;
    }

    long lastLsn() {
        return log.isEmpty() ? 0 : log.get(log.size() - 1).lsn();
    }

    LogRecord recordAt(long lsn) {
        return lsn <= 0 || lsn > log.size() ? null : log.get((int) lsn - 1);
    }

    /** Applies a local change and logs it; returns its LSN. */
    long append(LogOp op, long nowNanos) {
        op.apply(this);
        LogRecord r = new LogRecord(lastLsn() + 1, nowNanos, RECORD_UIDS.incrementAndGet(), op);
        log.add(r);
        return r.lsn();
    }

    void applyShipped(LogRecord r) {
        r.op().apply(this);
        log.add(r);
    }

    /** A full copy for automatic seeding, keeping the log so later records continue it. */
    Database seedCopy(int newId, LocalDateTime now) {
        Database d = new Database(newId, name, now);
        tables.forEach((k, t) -> d.tables.put(k, t.copy()));
        d.log.addAll(log);
        d.recoveryModel = recoveryModel;
        d.backedUp = true;
        d.availabilityGroup = availabilityGroup;
        return d;
    }

    /** Replaces content with a primary's (re-seed after diverged history). */
    void resetFrom(Database primary) {
        tables.clear();
        primary.tables.forEach((k, t) -> tables.put(k, t.copy()));
        log.clear();
        log.addAll(primary.log);
    }
}
