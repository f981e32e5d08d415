package io.github.mssqlk8s.sim.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every statement an instance executed, with who ran it and how it ended. Thread-safe. */
public final class StatementLog {

    /** @param errorNumber 0 when the statement succeeded */
    public record Entry(Instant at, int spid, String login, String database, StatementKind kind, String text,
            int errorNumber) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(Entry e) {
        entries.add(e);
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized List<Entry> ofKind(StatementKind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    /** Entries from this position on (take {@link #size()} before a step, read after it). */
    public synchronized List<Entry> since(int position) {
        return List.copyOf(entries.subList(Math.min(position, entries.size()), entries.size()));
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
    }
}
