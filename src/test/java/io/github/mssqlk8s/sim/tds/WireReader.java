package io.github.mssqlk8s.sim.tds;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Little-endian reads over one request message's payload; running off the end is a protocol error. */
final class WireReader {

    private final ByteBuffer buf;

    WireReader(byte[] payload) {
        this.buf = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    }

    int position() {
        return buf.position();
    }

    void position(int pos) throws TdsProtocolException {
        if (pos < 0 || pos > buf.limit()) {
            throw new TdsProtocolException("offset " + pos + " outside the message (" + buf.limit() + " bytes)");
        }
        buf.position(pos);
    }

    int remaining() {
        return buf.remaining();
    }

    boolean hasRemaining() {
        return buf.hasRemaining();
    }

    private TdsProtocolException truncated() {
        return new TdsProtocolException("message truncated at byte " + buf.position());
    }

    int u8() throws TdsProtocolException {
        try {
            return buf.get() & 0xFF;
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    int peekU8() throws TdsProtocolException {
        if (!buf.hasRemaining()) {
            throw truncated();
        }
        return buf.get(buf.position()) & 0xFF;
    }

    int u16() throws TdsProtocolException {
        try {
            return buf.getShort() & 0xFFFF;
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    int i32() throws TdsProtocolException {
        try {
            return buf.getInt();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    long i64() throws TdsProtocolException {
        try {
            return buf.getLong();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    /** An unsigned little-endian integer of {@code n} bytes (n ≤ 8). */
    long uN(int n) throws TdsProtocolException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= ((long) u8()) << (8 * i);
        }
        return v;
    }

    byte[] bytes(int n) throws TdsProtocolException {
        if (n < 0 || n > buf.remaining()) {
            throw truncated();
        }
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }

    void skip(int n) throws TdsProtocolException {
        position(buf.position() + n);
    }

    String ucs2(int chars) throws TdsProtocolException {
        return new String(bytes(chars * 2), StandardCharsets.UTF_16LE);
    }

    String bVarchar() throws TdsProtocolException {
        return ucs2(u8());
    }

    String usVarchar() throws TdsProtocolException {
        return ucs2(u16());
    }
}
