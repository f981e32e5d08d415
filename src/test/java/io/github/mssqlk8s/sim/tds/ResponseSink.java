package io.github.mssqlk8s.sim.tds;

import io.github.mssqlk8s.sim.ResultSink;
import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SimParam;
import io.github.mssqlk8s.sim.SimSqlException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the engine's answer to one request (or one RPC call) into tokens. In a SQL batch each statement
 * ends with DONE; the last DONE is held back until we know whether more follows (MORE bit). Inside an RPC
 * statements end with DONEINPROC, and OUTPUT values and the return status are collected for the caller
 * to send before DONEPROC.
 *
 * <p>A {@link SimParam} handed to {@link #returnValue} with {@code output == false} is the procedure's
 * return status (RETURNSTATUS); with {@code output == true} it is an OUTPUT parameter (RETURNVALUE).
 */
final class ResponseSink implements ResultSink {

    private static final Logger LOG = Logger.getLogger(ResponseSink.class.getName());

    private final PacketWriter writer;
    private final TokenWriter tokens;
    private final BooleanSupplier attention;
    private final boolean inProc;

    private List<SimColumn> columns;
    private boolean resultSetSinceDone;
    private boolean donePending;
    private int pendingStatus;
    private int pendingCmd;
    private long pendingCount;
    private boolean errorSinceDone;
    private boolean anyError;
    private Integer returnStatus;
    private final List<SimParam> outputs = new ArrayList<>();
    private volatile boolean broken;

    ResponseSink(PacketWriter writer, TokenWriter tokens, BooleanSupplier attention, boolean inProc) {
        this.writer = writer;
        this.tokens = tokens;
        this.attention = attention;
        this.inProc = inProc;
    }

    @Override
    public void columns(List<SimColumn> cols) {
        emitPendingDone();
        columns = List.copyOf(cols);
        resultSetSinceDone = true;
        tokens.colMetadata(columns);
        spill();
    }

    @Override
    public void row(List<Object> values) {
        if (columns == null) {
            throw new IllegalStateException("row() before columns()");
        }
        tokens.row(columns, values);
        spill();
    }

    /**
     * A count after a result set is its row count (SELECT); a count without one is rows affected (sent as
     * UPDATE so that the driver reports it as an update count); no count is a statement without a result.
     */
    @Override
    public void done(long rowCount, boolean hasCount) {
        int cmd = resultSetSinceDone ? TokenWriter.CMD_SELECT : hasCount ? TokenWriter.CMD_UPDATE : TokenWriter.CMD_NONE;
        columns = null;
        resultSetSinceDone = false;
        int status = (hasCount ? TokenWriter.DONE_COUNT : 0) | takeErrorBit();
        long count = hasCount ? rowCount : 0;
        if (inProc) {
            tokens.done(TokenWriter.DONEINPROC, status | TokenWriter.DONE_MORE, cmd, count);
        } else {
            emitPendingDone();
            donePending = true;
            pendingStatus = status;
            pendingCmd = cmd;
            pendingCount = count;
        }
        spill();
    }

    @Override
    public void info(int number, int state, int severity, String message) {
        emitPendingDone();
        tokens.message(false, number, state, severity, message);
        spill();
    }

    @Override
    public void error(SimSqlException error) {
        emitPendingDone();
        tokens.message(true, error.number(), error.state(), error.severity(), error.getMessage());
        errorSinceDone = true;
        anyError = true;
        spill();
    }

    @Override
    public void returnValue(SimParam value) {
        if (value.output()) {
            outputs.add(value);
        } else {
            returnStatus = value.value() == null ? 0 : ((Number) value.value()).intValue();
        }
    }

    @Override
    public void databaseChanged(String oldDatabase, String newDatabase) {
        emitPendingDone();
        tokens.envChange(TokenWriter.ENV_DATABASE, newDatabase, oldDatabase);
        spill();
    }

    @Override
    public void flush() {
        emitPendingDone();
        if (!broken) {
            try {
                writer.flush();
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    /** True after ATTENTION, and also once the connection broke (so the engine stops working for nobody). */
    @Override
    public boolean cancelled() {
        return broken || attention.getAsBoolean();
    }

    boolean anyError() {
        return anyError;
    }

    boolean broken() {
        return broken;
    }

    Integer returnStatus() {
        return returnStatus;
    }

    List<SimParam> outputs() {
        return outputs;
    }

    /** The ERROR bit for the next DONE* token when an error came since the last one. */
    int takeErrorBit() {
        int bit = errorSinceDone ? TokenWriter.DONE_ERROR : 0;
        errorSinceDone = false;
        return bit;
    }

    /** Ends a SQL batch: the held-back DONE (or an empty one) becomes the final DONE. */
    void finishBatch() {
        if (donePending) {
            tokens.done(TokenWriter.DONE, pendingStatus | takeErrorBit(), pendingCmd, pendingCount);
            donePending = false;
        } else {
            tokens.done(TokenWriter.DONE, takeErrorBit());
        }
    }

    private void emitPendingDone() {
        if (donePending) {
            tokens.done(TokenWriter.DONE, pendingStatus | TokenWriter.DONE_MORE, pendingCmd, pendingCount);
            donePending = false;
        }
    }

    /** Sends full packets as they fill, so big results stream instead of piling up. */
    private void spill() {
        if (!broken) {
            try {
                writer.sendFullPackets();
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    private void fail(IOException e) {
        LOG.log(Level.FINE, "connection lost while answering: {0}", e.toString());
        broken = true;
    }
}
