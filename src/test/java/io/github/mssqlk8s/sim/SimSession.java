package io.github.mssqlk8s.sim;

/** One logged-in connection's server-side state (database, session context, prepared handles live in the front end). */
public interface SimSession {

    /** The session id ({@code @@SPID}), at least 51 as on SQL Server. */
    int spid();

    /** The current database name (for ENVCHANGE after {@code USE}). */
    String database();

    /**
     * Runs one request and writes every result, count and message to {@code sink}, in order. Returns when
     * the request is complete or {@link ResultSink#cancelled()} became true (an ATTENTION or a timeout);
     * long waits (a commit waiting for synchronized secondaries, {@code sp_server_diagnostics} with
     * {@code @repeat_interval}) must poll {@code cancelled()} at least every 50 ms. Errors are reported
     * with {@link ResultSink#error}; the engine decides, as SQL Server does, whether the batch goes on.
     */
    void execute(SimBatch batch, ResultSink sink);

    /** The client disconnected (or the connection died): roll back an open transaction, free locks. */
    void close();
}
