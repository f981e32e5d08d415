package io.github.mssqlk8s.sim.tds;

import io.github.mssqlk8s.sim.SimColumn;
import java.util.List;

/** Encodes the server's tokens (MS-TDS §2.2.7) into a {@link TdsBuffer}. */
final class TokenWriter {

    static final int DONE = 0xFD;
    static final int DONEPROC = 0xFE;
    static final int DONEINPROC = 0xFF;

    static final int DONE_FINAL = 0x00;
    static final int DONE_MORE = 0x01;
    static final int DONE_ERROR = 0x02;
    static final int DONE_COUNT = 0x10;
    static final int DONE_ATTN = 0x20;

    /** CurCmd values (SQL Server's statement codes) the driver looks at. */
    static final int CMD_NONE = 0x00;
    static final int CMD_SELECT = 0xC1;
    static final int CMD_UPDATE = 0xC5;
    static final int CMD_EXECUTE = 0xE0;

    private static final int COLMETADATA = 0x81;
    private static final int ROW = 0xD1;
    private static final int RETURNSTATUS = 0x79;
    private static final int RETURNVALUE = 0xAC;
    private static final int ERROR = 0xAA;
    private static final int INFO = 0xAB;
    private static final int LOGINACK = 0xAD;
    private static final int FEATUREEXTACK = 0xAE;
    private static final int ENVCHANGE = 0xE3;

    static final int ENV_DATABASE = 1;
    static final int ENV_PACKET_SIZE = 4;
    static final int ENV_COLLATION = 7;
    static final int ENV_BEGIN_TRAN = 8;
    static final int ENV_COMMIT_TRAN = 9;
    static final int ENV_ROLLBACK_TRAN = 10;

    /** TDS 7.4 as LOGINACK spells it (big-endian). */
    private static final int TDS_74 = 0x74000004;
    private static final int SQL_TSQL = 1;

    private final TdsBuffer b;
    private final String serverName;

    TokenWriter(TdsBuffer b, String serverName) {
        this.b = b;
        this.serverName = serverName;
    }

    void colMetadata(List<SimColumn> columns) {
        b.u8(COLMETADATA).u16(columns.size());
        for (SimColumn c : columns) {
            b.u32(0).u16(c.nullable() ? 1 : 0);
            TypeCodec.writeTypeInfo(b, c);
            b.bVarchar(c.name());
        }
    }

    void row(List<SimColumn> columns, List<?> values) {
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException("row has " + values.size() + " values for " + columns.size() + " columns");
        }
        b.u8(ROW);
        for (int i = 0; i < columns.size(); i++) {
            TypeCodec.writeValue(b, columns.get(i), values.get(i));
        }
    }

    /** {@code curCmd} matters to mssql-jdbc: only DML/DDL command codes turn a count into an update count. */
    void done(int token, int status, int curCmd, long count) {
        b.u8(token).u16(status).u16(curCmd).u64(count);
    }

    /** A DONE* token that closes something without a statement of its own (end of batch, of a call, ATTN). */
    void done(int token, int status) {
        done(token, status, CMD_NONE, 0);
    }

    void message(boolean error, int number, int state, int severity, String text) {
        int start = b.size();
        b.u8(error ? ERROR : INFO).u16(0);
        b.u32(number).u8(state).u8(severity).usVarchar(text).bVarchar(serverName).bVarchar("").u32(1);
        b.putU16At(start + 1, b.size() - start - 3);
    }

    void envChange(int type, String newValue, String oldValue) {
        int start = b.size();
        b.u8(ENVCHANGE).u16(0).u8(type).bVarchar(newValue).bVarchar(oldValue);
        b.putU16At(start + 1, b.size() - start - 3);
    }

    void envChangeBytes(int type, byte[] newValue, byte[] oldValue) {
        int start = b.size();
        b.u8(ENVCHANGE).u16(0).u8(type).bVarbyte(newValue).bVarbyte(oldValue);
        b.putU16At(start + 1, b.size() - start - 3);
    }

    void loginAck(String programName, int major, int minor, int build) {
        int start = b.size();
        b.u8(LOGINACK).u16(0).u8(SQL_TSQL);
        b.u8(TDS_74 >>> 24).u8(TDS_74 >>> 16).u8(TDS_74 >>> 8).u8(TDS_74);
        b.bVarchar(programName).u8(major).u8(minor).u16be(build);
        b.putU16At(start + 1, b.size() - start - 3);
    }

    /** An empty acknowledgement: the simulator supports none of the optional features. */
    void featureExtAck() {
        b.u8(FEATUREEXTACK).u8(0xFF);
    }

    void returnStatus(int status) {
        b.u8(RETURNSTATUS).u32(status);
    }

    void returnValue(int ordinal, String name, SimColumn type, Object value) {
        b.u8(RETURNVALUE).u16(ordinal).bVarchar(name).u8(0x01).u32(0).u16(1);
        TypeCodec.writeTypeInfo(b, type);
        TypeCodec.writeValue(b, type, value);
    }
}
