package io.github.mssqlk8s.sim;

import java.util.List;

/**
 * Where the engine writes the answer to one request. The front end turns each call into TDS tokens
 * (COLMETADATA, ROW, DONE/DONEPROC/DONEINPROC, RETURNVALUE, INFO, ERROR, ENVCHANGE).
 */
public interface ResultSink {

    /** Starts a result set. */
    void columns(List<SimColumn> columns);

    /** One row of the current result set; values in column order, Java classes as {@link SqlType} says. */
    void row(List<Object> values);

    /**
     * Ends one statement: after a result set ({@code rowCount} = rows sent) or after a DML statement
     * ({@code rowCount} = rows affected); {@code hasCount} false for statements without a count (DDL).
     */
    void done(long rowCount, boolean hasCount);

    /** An informational message (severity ≤ 10), e.g. PRINT. */
    void info(int number, int state, int severity, String message);

    /** An error (severity ≥ 11); SQL Server's number, state, severity and text. */
    void error(SimSqlException error);

    /** The value of an OUTPUT parameter or the procedure's return status. */
    void returnValue(SimParam value);

    /** The current database changed ({@code USE}): the front end sends ENVCHANGE. */
    void databaseChanged(String oldDatabase, String newDatabase);

    /** Send what has been written so far now (streamed results such as {@code sp_server_diagnostics}). */
    void flush();

    /** True once the client sent ATTENTION (cancel or query timeout): stop and return. */
    boolean cancelled();
}
