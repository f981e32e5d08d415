package io.github.mssqlk8s.sim.tds;

import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SqlType;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * TYPE_INFO and values on the wire for the {@link SqlType}s the simulator speaks: written for result
 * columns and RETURNVALUEs, read for RPC parameters. Every column is sent as its nullable wire type
 * (INTN, BITN, …) so NULL always has one encoding.
 */
final class TypeCodec {

    /** SQL_Latin1_General_CP1_CI_AS: LCID 0x0409, flags, sort id 52. */
    static final byte[] COLLATION = {0x09, 0x04, (byte) 0xD0, 0x00, 0x34};
    /** The code page of {@link #COLLATION}, for VARCHAR bytes. */
    static final Charset VARCHAR_CHARSET = Charset.forName("windows-1252");

    static final int GUID = 0x24;
    static final int INTN = 0x26;
    static final int DATEN = 0x28;
    static final int DATETIME2N = 0x2A;
    static final int DATETIMEOFFSETN = 0x2B;
    static final int INT1 = 0x30;
    static final int BIT = 0x32;
    static final int INT2 = 0x34;
    static final int INT4 = 0x38;
    static final int FLT4 = 0x3B;
    static final int FLT8 = 0x3E;
    static final int BITN = 0x68;
    static final int DECIMALN = 0x6A;
    static final int NUMERICN = 0x6C;
    static final int FLTN = 0x6D;
    static final int INT8 = 0x7F;
    static final int BIGVARBINARY = 0xA5;
    static final int BIGVARCHAR = 0xA7;
    static final int BIGBINARY = 0xAD;
    static final int BIGCHAR = 0xAF;
    static final int NVARCHAR = 0xE7;
    static final int NCHAR = 0xEF;

    private static final int MAX_LEN = 0xFFFF;
    private static final long PLP_NULL = -1L;
    private static final int PLP_CHUNK = 8000;
    private static final int NVARCHAR_MAX_CHARS = 4000;
    private static final int VAR_MAX_BYTES = 8000;
    private static final LocalDate DAY_ZERO = LocalDate.of(1, 1, 1);

    /** A decoded parameter: its type as a column description (length, precision, scale) and its value. */
    record Typed(SimColumn meta, Object value) {
    }

    private TypeCodec() {
    }

    // ---------------------------------------------------------------- writing

    /** True when the column travels as PLP (the MAX types). */
    static boolean isPlp(SimColumn c) {
        return switch (c.type()) {
            case NVARCHAR -> c.length() < 0 || c.length() > NVARCHAR_MAX_CHARS;
            case VARCHAR, VARBINARY -> c.length() < 0 || c.length() > VAR_MAX_BYTES;
            default -> false;
        };
    }

    static void writeTypeInfo(TdsBuffer b, SimColumn c) {
        switch (c.type()) {
            case INT, BIGINT, SMALLINT, TINYINT -> b.u8(INTN).u8(intLength(c.type()));
            case BIT -> b.u8(BITN).u8(1);
            case NVARCHAR -> b.u8(NVARCHAR).u16(isPlp(c) ? MAX_LEN : Math.max(1, c.length()) * 2).bytes(COLLATION);
            case VARCHAR -> b.u8(BIGVARCHAR).u16(isPlp(c) ? MAX_LEN : Math.max(1, c.length())).bytes(COLLATION);
            case VARBINARY -> b.u8(BIGVARBINARY).u16(isPlp(c) ? MAX_LEN : Math.max(1, c.length()));
            case DATETIME2 -> b.u8(DATETIME2N).u8(fractionDigits(c));
            case DATETIMEOFFSET -> b.u8(DATETIMEOFFSETN).u8(fractionDigits(c));
            case UNIQUEIDENTIFIER -> b.u8(GUID).u8(16);
            case DECIMAL -> b.u8(DECIMALN).u8(decimalLength(precision(c))).u8(precision(c)).u8(c.scale());
        }
    }

    static void writeValue(TdsBuffer b, SimColumn c, Object v) {
        switch (c.type()) {
            case INT, BIGINT, SMALLINT, TINYINT -> {
                if (v == null) {
                    b.u8(0);
                } else {
                    int n = intLength(c.type());
                    b.u8(n).uN(((Number) v).longValue(), n);
                }
            }
            case BIT -> {
                if (v == null) {
                    b.u8(0);
                } else {
                    b.u8(1).u8(asBoolean(v) ? 1 : 0);
                }
            }
            case NVARCHAR -> writeBytesValue(b, c, v == null ? null : v.toString().getBytes(StandardCharsets.UTF_16LE));
            case VARCHAR -> writeBytesValue(b, c, v == null ? null : v.toString().getBytes(VARCHAR_CHARSET));
            case VARBINARY -> writeBytesValue(b, c, (byte[]) v);
            case DATETIME2 -> {
                if (v == null) {
                    b.u8(0);
                } else {
                    int scale = fractionDigits(c);
                    b.u8(timeLength(scale) + 3);
                    writeDateTime(b, (LocalDateTime) v, scale);
                }
            }
            case DATETIMEOFFSET -> {
                if (v == null) {
                    b.u8(0);
                } else {
                    int scale = fractionDigits(c);
                    OffsetDateTime odt = (OffsetDateTime) v;
                    b.u8(timeLength(scale) + 5);
                    writeDateTime(b, odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), scale);
                    b.u16(odt.getOffset().getTotalSeconds() / 60);
                }
            }
            case UNIQUEIDENTIFIER -> {
                if (v == null) {
                    b.u8(0);
                } else {
                    b.u8(16).bytes(guidBytes((UUID) v));
                }
            }
            case DECIMAL -> {
                if (v == null) {
                    b.u8(0);
                } else {
                    writeDecimal(b, c, asBigDecimal(v));
                }
            }
        }
    }

    private static void writeBytesValue(TdsBuffer b, SimColumn c, byte[] v) {
        if (isPlp(c)) {
            if (v == null) {
                b.u64(PLP_NULL);
                return;
            }
            b.u64(v.length);
            for (int off = 0; off < v.length; off += PLP_CHUNK) {
                int len = Math.min(PLP_CHUNK, v.length - off);
                b.u32(len).bytes(v, off, len);
            }
            b.u32(0);
        } else if (v == null) {
            b.u16(MAX_LEN);
        } else {
            b.u16(v.length).bytes(v);
        }
    }

    private static void writeDateTime(TdsBuffer b, LocalDateTime v, int scale) {
        long nanos = v.toLocalTime().toNanoOfDay();
        long units = nanos / pow10(9 - scale);
        b.uN(units, timeLength(scale));
        b.uN(ChronoUnit.DAYS.between(DAY_ZERO, v.toLocalDate()), 3);
    }

    private static void writeDecimal(TdsBuffer b, SimColumn c, BigDecimal v) {
        int precision = precision(c);
        BigDecimal scaled = v.setScale(c.scale(), RoundingMode.HALF_UP);
        int len = decimalLength(precision);
        b.u8(len).u8(scaled.signum() < 0 ? 0 : 1);
        byte[] be = scaled.unscaledValue().abs().toByteArray();
        for (int i = 0; i < len - 1; i++) {
            b.u8(i < be.length ? be[be.length - 1 - i] : 0);
        }
    }

    /** SQL Server's GUID layout: the first three groups little-endian, the last eight bytes as they are. */
    static byte[] guidBytes(UUID u) {
        byte[] be = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits())
                .array();
        byte[] wire = be.clone();
        int[] order = {3, 2, 1, 0, 5, 4, 7, 6};
        for (int i = 0; i < order.length; i++) {
            wire[i] = be[order[i]];
        }
        return wire;
    }

    private static UUID guidFromWire(byte[] wire) {
        byte[] be = guidBytes(new UUID(ByteBuffer.wrap(wire).getLong(), ByteBuffer.wrap(wire).getLong(8)));
        ByteBuffer bb = ByteBuffer.wrap(be);
        return new UUID(bb.getLong(), bb.getLong());
    }

    private static int intLength(SqlType t) {
        return switch (t) {
            case TINYINT -> 1;
            case SMALLINT -> 2;
            case INT -> 4;
            default -> 8;
        };
    }

    private static int fractionDigits(SimColumn c) {
        return Math.min(7, Math.max(0, c.precision()));
    }

    private static int precision(SimColumn c) {
        return c.precision() <= 0 ? 38 : Math.min(38, c.precision());
    }

    private static int decimalLength(int precision) {
        return precision <= 9 ? 5 : precision <= 19 ? 9 : precision <= 28 ? 13 : 17;
    }

    private static int timeLength(int scale) {
        return scale <= 2 ? 3 : scale <= 4 ? 4 : 5;
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    private static boolean asBoolean(Object v) {
        return v instanceof Boolean bool ? bool : ((Number) v).intValue() != 0;
    }

    private static BigDecimal asBigDecimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        return new BigDecimal(v.toString());
    }

    // ---------------------------------------------------------------- reading (RPC parameters)

    /** Reads one parameter's TYPE_INFO and value. */
    static Typed readParam(WireReader r, String name) throws TdsProtocolException {
        int wireType = r.u8();
        switch (wireType) {
            case INTN -> {
                int len = r.u8();
                return new Typed(column(name, intType(len, wireType)), readIntValue(r, r.u8()));
            }
            case INT1, INT2, INT4, INT8 -> {
                int len = wireType == INT1 ? 1 : wireType == INT2 ? 2 : wireType == INT4 ? 4 : 8;
                return new Typed(column(name, intType(len, wireType)), readIntValue(r, len));
            }
            case BITN -> {
                r.u8();
                int len = r.u8();
                return new Typed(column(name, SqlType.BIT), len == 0 ? null : r.u8() != 0);
            }
            case BIT -> {
                return new Typed(column(name, SqlType.BIT), r.u8() != 0);
            }
            case NVARCHAR, NCHAR -> {
                int max = r.u16();
                r.skip(COLLATION.length);
                byte[] v = readBytesValue(r, max);
                SimColumn meta = new SimColumn(name, SqlType.NVARCHAR, max == MAX_LEN ? -1 : max / 2, 0, 0, true);
                return new Typed(meta, v == null ? null : new String(v, StandardCharsets.UTF_16LE));
            }
            case BIGVARCHAR, BIGCHAR -> {
                int max = r.u16();
                r.skip(COLLATION.length);
                byte[] v = readBytesValue(r, max);
                SimColumn meta = new SimColumn(name, SqlType.VARCHAR, max == MAX_LEN ? -1 : max, 0, 0, true);
                return new Typed(meta, v == null ? null : new String(v, VARCHAR_CHARSET));
            }
            case BIGVARBINARY, BIGBINARY -> {
                int max = r.u16();
                SimColumn meta = new SimColumn(name, SqlType.VARBINARY, max == MAX_LEN ? -1 : max, 0, 0, true);
                return new Typed(meta, readBytesValue(r, max));
            }
            case DATETIME2N -> {
                int scale = r.u8();
                int len = r.u8();
                SimColumn meta = new SimColumn(name, SqlType.DATETIME2, 0, scale, 0, true);
                return new Typed(meta, len == 0 ? null : readDateTime(r, scale));
            }
            case DATETIMEOFFSETN -> {
                int scale = r.u8();
                int len = r.u8();
                SimColumn meta = new SimColumn(name, SqlType.DATETIMEOFFSET, 0, scale, 0, true);
                if (len == 0) {
                    return new Typed(meta, null);
                }
                LocalDateTime utc = readDateTime(r, scale);
                int offsetMinutes = (short) r.u16();
                ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
                return new Typed(meta, utc.atOffset(ZoneOffset.UTC).withOffsetSameInstant(offset));
            }
            case GUID -> {
                r.u8();
                int len = r.u8();
                return new Typed(column(name, SqlType.UNIQUEIDENTIFIER), len == 0 ? null : guidFromWire(r.bytes(16)));
            }
            case DECIMALN, NUMERICN -> {
                r.u8();
                int precision = r.u8();
                int scale = r.u8();
                int len = r.u8();
                SimColumn meta = new SimColumn(name, SqlType.DECIMAL, 0, precision, scale, true);
                if (len == 0) {
                    return new Typed(meta, null);
                }
                int sign = r.u8();
                byte[] le = r.bytes(len - 1);
                byte[] be = new byte[le.length + 1];
                for (int i = 0; i < le.length; i++) {
                    be[be.length - 1 - i] = le[i];
                }
                BigInteger unscaled = new BigInteger(be);
                return new Typed(meta, new BigDecimal(sign == 0 ? unscaled.negate() : unscaled, scale));
            }
            case FLTN -> {
                r.u8();
                int len = r.u8();
                SimColumn meta = new SimColumn(name, SqlType.DECIMAL, 0, 38, 10, true);
                return new Typed(meta, len == 0 ? null : readFloat(r, len));
            }
            case FLT4, FLT8 -> {
                SimColumn meta = new SimColumn(name, SqlType.DECIMAL, 0, 38, 10, true);
                return new Typed(meta, readFloat(r, wireType == FLT4 ? 4 : 8));
            }
            default -> throw new TdsProtocolException(String.format(
                    "parameter %s: data type 0x%02X is not supported by the simulator", name, wireType));
        }
    }

    private static SimColumn column(String name, SqlType type) {
        return SimColumn.of(name, type);
    }

    private static SqlType intType(int len, int wireType) throws TdsProtocolException {
        return switch (len) {
            case 1 -> SqlType.TINYINT;
            case 2 -> SqlType.SMALLINT;
            case 4 -> SqlType.INT;
            case 8 -> SqlType.BIGINT;
            default -> throw new TdsProtocolException(String.format("integer type 0x%02X of length %d", wireType, len));
        };
    }

    private static Object readIntValue(WireReader r, int len) throws TdsProtocolException {
        return switch (len) {
            case 0 -> null;
            case 1 -> (short) r.u8();
            case 2 -> (short) r.u16();
            case 4 -> r.i32();
            case 8 -> r.i64();
            default -> throw new TdsProtocolException("integer value of length " + len);
        };
    }

    private static BigDecimal readFloat(WireReader r, int len) throws TdsProtocolException {
        return switch (len) {
            case 4 -> new BigDecimal(Float.toString(Float.intBitsToFloat(r.i32())));
            case 8 -> BigDecimal.valueOf(Double.longBitsToDouble(r.i64()));
            default -> throw new TdsProtocolException("float value of length " + len);
        };
    }

    private static LocalDateTime readDateTime(WireReader r, int scale) throws TdsProtocolException {
        long units = r.uN(timeLength(scale));
        long days = r.uN(3);
        return LocalDateTime.of(DAY_ZERO.plusDays(days), LocalTime.ofNanoOfDay(units * pow10(9 - scale)));
    }

    /** A (VAR)CHAR/BINARY value: PLP when the declared length is MAX, else a two-byte length (0xFFFF = NULL). */
    private static byte[] readBytesValue(WireReader r, int maxLength) throws TdsProtocolException {
        if (maxLength != MAX_LEN) {
            int len = r.u16();
            return len == MAX_LEN ? null : r.bytes(len);
        }
        long total = r.i64();
        if (total == PLP_NULL) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int chunk = r.i32();
            if (chunk == 0) {
                return out.toByteArray();
            }
            out.writeBytes(r.bytes(chunk));
        }
    }
}
