package io.github.mssqlk8s.sim.tds;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last requests a server received, as one line each ("SQL_BATCH", "RPC sp_prepexec handle=1", …):
 * lets tests see how the driver talked, which the engine's {@code SimBatch} hides on purpose.
 */
final class RequestLog {

    private static final int CAPACITY = 1000;
    private final Deque<String> entries = new ArrayDeque<>();

    synchronized void add(String entry) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    synchronized List<String> snapshot() {
        return new ArrayList<>(entries);
    }
}
