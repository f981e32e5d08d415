package io.github.mssqlk8s.ha;

/**
 * The failure conditions of SQL Server's monitor policy (contract §4), each with the level at which a
 * policy starts failing on it.
 */
public enum FailureCondition {
    /** No connection within the connection timeout. */
    DOWN(1, "instance down"),
    /** No diagnostics result within the health-check timeout; on Linux this counts as level 1. */
    UNRESPONSIVE(1, "instance unresponsive"),
    /** {@code sp_server_diagnostics} component {@code system} in state error. */
    SYSTEM_ERROR(3, "component system in error"),
    /** Component {@code resource} in state error. */
    RESOURCE_ERROR(4, "component resource in error"),
    /** Component {@code query_processing} in state error. */
    QUERY_PROCESSING_ERROR(5, "component query_processing in error");

    private final int level;
    private final String description;

    FailureCondition(int level, String description) {
        this.level = level;
        this.description = description;
    }

    /** The lowest monitor policy that fails on this condition (UNRESPONSIVE is 2 on Windows, 1 here). */
    public int level() {
        return level;
    }

    public String description() {
        return description;
    }
}
