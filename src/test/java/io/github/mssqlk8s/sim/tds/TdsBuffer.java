package io.github.mssqlk8s.sim.tds;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the little-endian writers TDS tokens need. */
final class TdsBuffer {

    private byte[] bytes = new byte[256];
    private int size;

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** The buffered bytes themselves (valid up to {@link #size()}). */
    byte[] array() {
        return bytes;
    }

    void clear() {
        size = 0;
    }

    /** Drops the first {@code n} bytes (they were sent). */
    void discard(int n) {
        System.arraycopy(bytes, n, bytes, 0, size - n);
        size -= n;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    TdsBuffer u8(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
        return this;
    }

    TdsBuffer u16(int v) {
        return u8(v).u8(v >>> 8);
    }

    TdsBuffer u16be(int v) {
        return u8(v >>> 8).u8(v);
    }

    TdsBuffer u32(int v) {
        return u16(v).u16(v >>> 16);
    }

    TdsBuffer u64(long v) {
        return u32((int) v).u32((int) (v >>> 32));
    }

    /** The low {@code n} bytes of {@code v}, little-endian. */
    TdsBuffer uN(long v, int n) {
        for (int i = 0; i < n; i++) {
            u8((int) (v >>> (8 * i)));
        }
        return this;
    }

    TdsBuffer bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    TdsBuffer bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
        return this;
    }

    /** UCS-2 text without a length. */
    TdsBuffer ucs2(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_16LE));
    }

    /** B_VARCHAR: one-byte character count, then UCS-2. */
    TdsBuffer bVarchar(String s) {
        String v = s == null ? "" : s;
        return u8(v.length()).ucs2(v);
    }

    /** US_VARCHAR: two-byte character count, then UCS-2. */
    TdsBuffer usVarchar(String s) {
        String v = s == null ? "" : s;
        return u16(v.length()).ucs2(v);
    }

    /** B_VARBYTE: one-byte length, then the bytes. */
    TdsBuffer bVarbyte(byte[] b) {
        return u8(b.length).bytes(b);
    }

    /** Overwrites two bytes (little-endian) at {@code pos}: for lengths known only after the body. */
    void putU16At(int pos, int v) {
        bytes[pos] = (byte) v;
        bytes[pos + 1] = (byte) (v >>> 8);
    }
}
