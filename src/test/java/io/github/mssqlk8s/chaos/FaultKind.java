package io.github.mssqlk8s.chaos;

/** The faults a chaos schedule injects, each with how it is undone. */
enum FaultKind {
    /** SQL Server dies; undone by starting it again. */
    SQL_CRASH(true),
    /** SQL Server stops answering, connections stay open; undone by unhanging. */
    SQL_HANG(true),
    /** Every answer of SQL Server is delayed by the fault's parameter (ms). */
    SQL_SLOW(false),
    /** The ag-agent process dies without a goodbye; undone by starting a new one. */
    AGENT_KILL(true),
    /** One agent cannot reach the API server. */
    AGENT_API_CUT(true),
    /** Nobody can reach the API server. */
    API_OUTAGE(true),
    /** The mirroring link between the primary and a secondary is cut. */
    LINK_CUT(true),
    /** The mirroring link between the primary and a secondary is slowed by the parameter (ms). */
    LINK_SLOW(false),
    /** The pod is lost with SQL Server and its agents; undone by the StatefulSet bringing it back. */
    POD_LOSS(true),
    /** A new synchronous member joins (permanent). */
    MEMBER_ADD(false),
    /** A secondary's resource stops listing the AG (permanent). */
    MEMBER_REMOVE(false),
    /** One agent's clock runs ahead or behind by the parameter (ms, may be negative). */
    CLOCK_SKEW(false),
    // ---- the harsh profile only ----
    /**
     * The agent freezes for the parameter (ms) the next time its tick passes the point the fault's variant names
     * (a GC or CPU-throttle pause), e.g. between checking the Lease's freshness and sending the write-lease renewal.
     */
    AGENT_FREEZE(true),
    /** The API server is cut off from the primary's agent alone. */
    PRIMARY_API_CUT(true),
    /** Every statement SQL Server receives starts the parameter (ms) late, even one the client gave up on. */
    LATE_STATEMENTS(true);

    /** The kinds of the classic profile, in their original order (so that its seeds keep their schedules). */
    static final FaultKind[] CLASSIC = java.util.Arrays.copyOf(values(), CLOCK_SKEW.ordinal() + 1);

    private final boolean impairs;

    FaultKind(boolean impairs) {
        this.impairs = impairs;
    }

    /** Whether the replica hit can no longer count towards a quorum while the fault lasts. */
    boolean impairs() {
        return impairs;
    }

    boolean permanent() {
        return this == MEMBER_ADD || this == MEMBER_REMOVE;
    }
}
