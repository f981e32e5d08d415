package io.github.mssqlk8s.agent.ag;

/**
 * Where an agent's tick can stall in real life — a GC pause, a CPU-throttled container, a node under memory
 * pressure — so that tests can stall it exactly there (the chaos campaign's agent freezes). The agent never pauses
 * by itself: production uses {@link #NONE}.
 */
@FunctionalInterface
public interface TickPause {

    /** The points of a tick at which a pause is worst. */
    enum Point {
        /** After the SQL Server and API reads, before deciding: the decision is made on data that aged. */
        AFTER_GATHER,
        /** Right after a successful Lease renewal, before anything it licenses. */
        AFTER_LEASE_RENEWAL,
        /** After the write-lease renewal's freshness check passed, before the renewal statement is sent. */
        BEFORE_WRITE_LEASE_RENEWAL,
        /** Before FAILOVER is sent to SQL Server. */
        BEFORE_FAILOVER,
        /** After executing the decision, before publishing the report and labels. */
        BEFORE_REPORT
    }

    TickPause NONE = point -> {
    };

    /** Called by the tick's thread as it passes {@code point}; may block. */
    void at(Point point);
}
