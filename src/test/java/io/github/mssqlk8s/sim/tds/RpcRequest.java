package io.github.mssqlk8s.sim.tds;

import io.github.mssqlk8s.sim.SimColumn;
import java.util.ArrayList;
import java.util.List;

/** One RPC request message: one or more calls, each by ProcID or by name, with typed parameters. */
final class RpcRequest {

    static final int SP_EXECUTESQL = 10;
    static final int SP_PREPARE = 11;
    static final int SP_EXECUTE = 12;
    static final int SP_PREPEXEC = 13;
    static final int SP_UNPREPARE = 15;

    private static final int BY_ID = 0xFFFF;
    private static final int STATUS_BY_REF = 0x01;
    /** Separators between calls of one request (0x80 before TDS 7.2, 0xFF since). */
    private static final int BATCH_FLAG = 0x80;
    private static final int NO_EXEC_FLAG = 0xFF;

    /** One parameter as it came on the wire; {@code ordinal} is its position in the call (for RETURNVALUE). */
    record Param(int ordinal, String name, boolean output, SimColumn meta, Object value) {
    }

    /** One call: {@code procName} null when called by {@code procId}. */
    record Call(String procName, int procId, List<Param> params) {

        /** The ProcID, also for the well-known procedures the client called by name. */
        int effectiveProcId() {
            if (procName == null) {
                return procId;
            }
            return switch (procName.toLowerCase(java.util.Locale.ROOT)) {
                case "sp_executesql" -> SP_EXECUTESQL;
                case "sp_prepare" -> SP_PREPARE;
                case "sp_execute" -> SP_EXECUTE;
                case "sp_prepexec" -> SP_PREPEXEC;
                case "sp_unprepare" -> SP_UNPREPARE;
                default -> 0;
            };
        }

        String displayName() {
            return procName != null ? procName : "ProcID " + procId;
        }
    }

    private RpcRequest() {
    }

    static List<Call> parse(byte[] payload) throws TdsProtocolException {
        WireReader r = new WireReader(payload);
        AllHeaders.skip(r);
        List<Call> calls = new ArrayList<>();
        while (r.hasRemaining()) {
            calls.add(call(r));
            if (r.hasRemaining()) {
                int separator = r.u8();
                if (separator != BATCH_FLAG && separator != NO_EXEC_FLAG) {
                    throw new TdsProtocolException(String.format("unexpected byte 0x%02X after an RPC call", separator));
                }
            }
        }
        if (calls.isEmpty()) {
            throw new TdsProtocolException("RPC request without a call");
        }
        return calls;
    }

    private static Call call(WireReader r) throws TdsProtocolException {
        int nameLength = r.u16();
        String name = null;
        int procId = 0;
        if (nameLength == BY_ID) {
            procId = r.u16();
        } else {
            name = r.ucs2(nameLength);
        }
        r.u16(); // option flags (WithRecomp, NoMetaData, ReuseMetaData): nothing to do for the simulator
        List<Param> params = new ArrayList<>();
        while (r.hasRemaining() && r.peekU8() != BATCH_FLAG && r.peekU8() != NO_EXEC_FLAG) {
            String paramName = r.bVarchar();
            int status = r.u8();
            TypeCodec.Typed typed = TypeCodec.readParam(r, paramName.isEmpty() ? "#" + params.size() : paramName);
            params.add(new Param(params.size(), paramName, (status & STATUS_BY_REF) != 0, typed.meta(), typed.value()));
        }
        return new Call(name, procId, params);
    }
}
