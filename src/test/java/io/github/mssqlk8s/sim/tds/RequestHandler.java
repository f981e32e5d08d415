package io.github.mssqlk8s.sim.tds;

import io.github.mssqlk8s.sim.SimBatch;
import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SimParam;
import io.github.mssqlk8s.sim.SimSession;
import io.github.mssqlk8s.sim.SimSqlException;
import io.github.mssqlk8s.sim.SqlType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers the requests of one logged-in connection: SQL batches, RPC calls (with the prepared-statement
 * handle table, which lives here and not in the engine) and transaction manager requests.
 */
final class RequestHandler {

    private static final Logger LOG = Logger.getLogger(RequestHandler.class.getName());

    /** mssql-jdbc frees discarded prepared handles with a batch of {@code EXEC sp_unprepare n;}. */
    private static final Pattern UNPREPARE_BATCH = Pattern.compile("(\\s*EXEC\\s+sp_unprepare\\s+\\d+\\s*;?)+\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UNPREPARE_HANDLE = Pattern.compile("sp_unprepare\\s+(\\d+)", Pattern.CASE_INSENSITIVE);

    private static final int TM_BEGIN_XACT = 5;
    private static final int TM_COMMIT_XACT = 7;
    private static final int TM_ROLLBACK_XACT = 8;

    private static final int ERR_PROTOCOL = 8009;
    private static final int ERR_NO_PREPARED = 8179;
    private static final int ERR_ENGINE = 50000;

    private record Prepared(String text, List<String> names) {
    }

    private final SimSession session;
    private final PacketWriter writer;
    private final TokenWriter tokens;
    private final Attention attention;
    private final BooleanSupplier connectionGone;
    private final RequestLog log;
    private final Map<Integer, Prepared> prepared = new HashMap<>();
    private int nextHandle = 1;
    private long nextTransaction = 1;
    private long transaction;

    RequestHandler(SimSession session, PacketWriter writer, TokenWriter tokens, Attention attention,
                   BooleanSupplier connectionGone, RequestLog log) {
        this.connectionGone = connectionGone;
        this.log = log;
        this.session = session;
        this.writer = writer;
        this.tokens = tokens;
        this.attention = attention;
    }

    /** Acknowledges a pending ATTENTION (DONE with ATTN) in a message of its own. */
    void acknowledgeIdleAttention() throws IOException {
        if (attention.pending()) {
            writer.begin(TdsMessage.TABULAR_RESULT);
            tokens.done(TokenWriter.DONE, TokenWriter.DONE_ATTN);
            attention.acknowledged();
            writer.end();
        }
    }

    void sqlBatch(byte[] payload) throws IOException {
        String text;
        try {
            WireReader r = new WireReader(payload);
            AllHeaders.skip(r);
            text = new String(payload, r.position(), r.remaining(), StandardCharsets.UTF_16LE);
        } catch (TdsProtocolException e) {
            protocolError(e);
            return;
        }
        LOG.log(Level.FINE, "SQL_BATCH spid {0}: {1}", new Object[] {session.spid(), text});
        log.add("SQL_BATCH");
        writer.begin(TdsMessage.TABULAR_RESULT);
        ResponseSink sink = newSink(false);
        if (UNPREPARE_BATCH.matcher(text).matches()) {
            Matcher m = UNPREPARE_HANDLE.matcher(text);
            while (m.find()) {
                prepared.remove(Integer.parseInt(m.group(1)));
            }
        } else {
            execute(SimBatch.sql(text), sink);
        }
        endResponse(sink, sink::finishBatch);
    }

    void rpc(byte[] payload) throws IOException {
        List<RpcRequest.Call> calls;
        try {
            calls = RpcRequest.parse(payload);
        } catch (TdsProtocolException e) {
            protocolError(e);
            return;
        }
        writer.begin(TdsMessage.TABULAR_RESULT);
        ResponseSink last = null;
        for (int i = 0; i < calls.size() && !attention.pending(); i++) {
            RpcRequest.Call call = calls.get(i);
            LOG.log(Level.FINE, "RPC spid {0}: {1}", new Object[] {session.spid(), call.displayName()});
            log.add("RPC " + describe(call));
            ResponseSink sink = newSink(true);
            last = sink;
            List<RpcRequest.Param> extraOutputs = new ArrayList<>();
            call(call, sink, extraOutputs);
            if (attention.pending() || sink.broken()) {
                break;
            }
            sendOutputs(call, sink, extraOutputs);
            int more = i < calls.size() - 1 ? TokenWriter.DONE_MORE : 0;
            tokens.done(TokenWriter.DONEPROC, more | sink.takeErrorBit(), TokenWriter.CMD_EXECUTE, 0);
        }
        endResponse(last, () -> { });
    }

    /** Transaction manager requests: mssql-jdbc rarely sends them, but when it does it wants ENVCHANGE back. */
    void transactionManager(byte[] payload) throws IOException {
        int requestType;
        try {
            WireReader r = new WireReader(payload);
            AllHeaders.skip(r);
            requestType = r.u16();
        } catch (TdsProtocolException e) {
            protocolError(e);
            return;
        }
        String sql = switch (requestType) {
            case TM_BEGIN_XACT -> "BEGIN TRANSACTION";
            case TM_COMMIT_XACT -> "COMMIT TRANSACTION";
            case TM_ROLLBACK_XACT -> "ROLLBACK TRANSACTION";
            default -> null;
        };
        if (sql == null) {
            protocolError(new TdsProtocolException("transaction manager request type " + requestType + " is not supported"));
            return;
        }
        LOG.log(Level.FINE, "TM request spid {0}: {1}", new Object[] {session.spid(), sql});
        log.add("TM " + sql);
        writer.begin(TdsMessage.TABULAR_RESULT);
        ResponseSink sink = newSink(true);
        execute(SimBatch.sql(sql), sink);
        boolean failed = sink.anyError();
        if (!failed) {
            byte[] descriptor = descriptor(transaction);
            if (requestType == TM_BEGIN_XACT) {
                transaction = nextTransaction++;
                tokens.envChangeBytes(TokenWriter.ENV_BEGIN_TRAN, descriptor(transaction), new byte[0]);
            } else {
                tokens.envChangeBytes(requestType == TM_COMMIT_XACT ? TokenWriter.ENV_COMMIT_TRAN
                        : TokenWriter.ENV_ROLLBACK_TRAN, new byte[0], descriptor);
                transaction = 0;
            }
        }
        endResponse(sink, () -> tokens.done(TokenWriter.DONE, failed ? TokenWriter.DONE_ERROR : 0));
    }

    /** The well-known procedures by name, with the handle they use. */
    private static String describe(RpcRequest.Call call) {
        return switch (call.effectiveProcId()) {
            case RpcRequest.SP_EXECUTESQL -> "sp_executesql";
            case RpcRequest.SP_PREPARE -> "sp_prepare";
            case RpcRequest.SP_PREPEXEC -> "sp_prepexec";
            case RpcRequest.SP_EXECUTE -> "sp_execute handle=" + call.params().get(0).value();
            case RpcRequest.SP_UNPREPARE -> "sp_unprepare handle=" + call.params().get(0).value();
            default -> call.displayName();
        };
    }

    private static byte[] descriptor(long id) {
        TdsBuffer b = new TdsBuffer().u64(id);
        return b.toByteArray();
    }

    private void call(RpcRequest.Call call, ResponseSink sink, List<RpcRequest.Param> extraOutputs) {
        List<RpcRequest.Param> p = call.params();
        try {
            switch (call.effectiveProcId()) {
                case RpcRequest.SP_EXECUTESQL -> {
                    String text = string(p, 0, call);
                    String declaration = p.size() > 1 ? string(p, 1, call) : "";
                    execute(new SimBatch(null, text, values(p.subList(Math.min(2, p.size()), p.size()),
                            ParamDeclarations.names(declaration))), sink);
                }
                case RpcRequest.SP_PREPEXEC, RpcRequest.SP_PREPARE -> {
                    Prepared statement = new Prepared(string(p, 2, call), ParamDeclarations.names(string(p, 1, call)));
                    int handle = nextHandle++;
                    prepared.put(handle, statement);
                    extraOutputs.add(new RpcRequest.Param(0, p.get(0).name(), true, SimColumn.of("", SqlType.INT), handle));
                    if (call.effectiveProcId() == RpcRequest.SP_PREPEXEC) {
                        execute(new SimBatch(null, statement.text(), values(p.subList(3, p.size()), statement.names())), sink);
                    }
                }
                case RpcRequest.SP_EXECUTE -> {
                    int handle = handle(p, call);
                    Prepared statement = prepared.get(handle);
                    if (statement == null) {
                        sink.error(new SimSqlException(ERR_NO_PREPARED, 4, 16,
                                "Could not find prepared statement with handle " + handle + "."));
                        return;
                    }
                    execute(new SimBatch(null, statement.text(), values(p.subList(1, p.size()), statement.names())), sink);
                }
                case RpcRequest.SP_UNPREPARE -> prepared.remove(handle(p, call));
                case 0 -> execute(new SimBatch(call.procName(), "", values(p, List.of())), sink);
                default -> throw new TdsProtocolException(call.displayName() + " is not supported by the simulator");
            }
        } catch (TdsProtocolException e) {
            LOG.warning("unsupported RPC call: " + e.getMessage());
            sink.error(new SimSqlException(ERR_PROTOCOL, 1, 16, e.getMessage()));
        }
    }

    /**
     * The RETURNSTATUS and RETURNVALUE tokens of a finished call, in the order SQL Server sends them. Every
     * call gets a RETURNSTATUS (0 unless the engine gave one): mssql-jdbc reads the OUT parameters that
     * follow it, the prepared handle included, and ignores RETURNVALUEs without one.
     */
    private void sendOutputs(RpcRequest.Call call, ResponseSink sink, List<RpcRequest.Param> extraOutputs) {
        tokens.returnStatus(sink.returnStatus() != null ? sink.returnStatus() : 0);
        for (RpcRequest.Param handle : extraOutputs) {
            tokens.returnValue(handle.ordinal(), handle.name(), handle.meta(), handle.value());
        }
        for (SimParam out : sink.outputs()) {
            RpcRequest.Param wire = outputParam(call, out.name());
            SimColumn type = wire != null && wire.meta().type() == out.type() ? wire.meta() : returnType(out);
            tokens.returnValue(wire != null ? wire.ordinal() : 0, wire != null ? wire.name() : out.name(), type, out.value());
        }
    }

    /** The call's OUTPUT parameter the engine's value belongs to, matched by name as the engine saw it. */
    private RpcRequest.Param outputParam(RpcRequest.Call call, String name) {
        List<RpcRequest.Param> p = call.params();
        int first = switch (call.effectiveProcId()) {
            case RpcRequest.SP_EXECUTESQL -> 2;
            case RpcRequest.SP_PREPEXEC -> 3;
            case RpcRequest.SP_EXECUTE -> 1;
            default -> 0;
        };
        List<String> names = resolvedNames(call);
        for (int i = first; i < p.size(); i++) {
            if (p.get(i).output() && names.get(i - first).equalsIgnoreCase(name)) {
                return p.get(i);
            }
        }
        return null;
    }

    private List<String> resolvedNames(RpcRequest.Call call) {
        List<RpcRequest.Param> p = call.params();
        return switch (call.effectiveProcId()) {
            case RpcRequest.SP_EXECUTESQL -> names(p.subList(Math.min(2, p.size()), p.size()),
                    p.size() > 1 && p.get(1).value() != null ? ParamDeclarations.names(p.get(1).value().toString()) : List.of());
            case RpcRequest.SP_PREPEXEC -> names(p.subList(3, p.size()), ParamDeclarations.names(String.valueOf(p.get(1).value())));
            case RpcRequest.SP_EXECUTE -> {
                Prepared statement = prepared.get(((Number) p.get(0).value()).intValue());
                yield names(p.subList(1, p.size()), statement == null ? List.of() : statement.names());
            }
            default -> names(p, List.of());
        };
    }

    private static SimColumn returnType(SimParam out) {
        SimColumn base = SimColumn.of(out.name(), out.type());
        return TypeCodec.isPlp(base) || base.length() == 0 ? base : SimColumn.max(out.name(), out.type());
    }

    /** Wire parameters as the engine sees them, named from the declaration, the wire, or {@code @pN}. */
    private static List<SimParam> values(List<RpcRequest.Param> wire, List<String> declared) {
        List<String> names = names(wire, declared);
        List<SimParam> params = new ArrayList<>(wire.size());
        for (int i = 0; i < wire.size(); i++) {
            RpcRequest.Param w = wire.get(i);
            params.add(new SimParam(names.get(i), w.meta().type(), w.value(), w.output()));
        }
        return params;
    }

    private static List<String> names(List<RpcRequest.Param> wire, List<String> declared) {
        List<String> names = new ArrayList<>(wire.size());
        for (int i = 0; i < wire.size(); i++) {
            String name = wire.get(i).name();
            if (name.isEmpty()) {
                name = i < declared.size() ? declared.get(i) : "@p" + i;
            }
            names.add(name);
        }
        return names;
    }

    private static String string(List<RpcRequest.Param> p, int index, RpcRequest.Call call) throws TdsProtocolException {
        if (p.size() <= index || !(p.get(index).value() instanceof String s)) {
            throw new TdsProtocolException(call.displayName() + ": parameter " + index + " must be a string");
        }
        return s;
    }

    private static int handle(List<RpcRequest.Param> p, RpcRequest.Call call) throws TdsProtocolException {
        if (p.isEmpty() || !(p.get(0).value() instanceof Number n)) {
            throw new TdsProtocolException(call.displayName() + ": the first parameter must be the handle");
        }
        return n.intValue();
    }

    private void execute(SimBatch batch, ResponseSink sink) {
        try {
            session.execute(batch, sink);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the simulator engine failed on " + batch, e);
            sink.error(new SimSqlException(ERR_ENGINE, 1, 16,
                    "simulator engine failure: " + e));
        }
    }

    private ResponseSink newSink(boolean inProc) {
        return new ResponseSink(writer, tokens, () -> attention.pending() || connectionGone.getAsBoolean(), inProc);
    }

    /**
     * Ends the response message. After an ATTENTION the response is cut short with a final DONE and the
     * acknowledgement (DONE with ATTN) follows as a message of its own: mssql-jdbc reads one more message
     * after the end of a response when it sent an ATTENTION that was not acknowledged yet.
     */
    private void endResponse(ResponseSink sink, Runnable normalEnd) throws IOException {
        if (sink != null && sink.broken()) {
            throw new IOException("connection lost while answering");
        }
        if (attention.pending()) {
            if (writer.nothingSent()) {
                writer.body().clear(); // results of a cancelled request are not sent, as on SQL Server
            }
            tokens.done(TokenWriter.DONE, TokenWriter.DONE_FINAL);
            writer.end();
            acknowledgeIdleAttention();
        } else {
            normalEnd.run();
            writer.end();
        }
    }

    private void protocolError(TdsProtocolException e) throws IOException {
        LOG.warning("protocol error on spid " + session.spid() + ": " + e.getMessage());
        writer.begin(TdsMessage.TABULAR_RESULT);
        tokens.message(true, ERR_PROTOCOL, 1, 16,
                "The incoming tabular data stream (TDS) protocol stream is incorrect: " + e.getMessage());
        endResponse(null, () -> tokens.done(TokenWriter.DONE, TokenWriter.DONE_ERROR));
    }
}
