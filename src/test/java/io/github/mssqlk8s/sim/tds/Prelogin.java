package io.github.mssqlk8s.sim.tds;

import java.io.ByteArrayOutputStream;

/** The PRELOGIN exchange: the client's encryption wish and the server's answer (VERSION and ENCRYPTION are mandatory). */
final class Prelogin {

    static final int ENCRYPT_OFF = 0x00;
    static final int ENCRYPT_ON = 0x01;
    static final int ENCRYPT_NOT_SUP = 0x02;
    static final int ENCRYPT_REQ = 0x03;

    private static final int OPT_VERSION = 0x00;
    private static final int OPT_ENCRYPTION = 0x01;
    private static final int OPT_INSTOPT = 0x02;
    private static final int OPT_THREADID = 0x03;
    private static final int OPT_MARS = 0x04;
    private static final int OPT_TERMINATOR = 0xFF;

    private Prelogin() {
    }

    /** The client's ENCRYPTION option (ENCRYPT_OFF when absent). */
    static int requestedEncryption(byte[] payload) throws TdsProtocolException {
        WireReader r = new WireReader(payload);
        while (true) {
            int token = r.u8();
            if (token == OPT_TERMINATOR) {
                return ENCRYPT_OFF;
            }
            int offset = (r.u8() << 8) | r.u8();
            int length = (r.u8() << 8) | r.u8();
            if (token == OPT_ENCRYPTION) {
                if (length < 1 || offset >= payload.length) {
                    throw new TdsProtocolException("bad PRELOGIN ENCRYPTION option");
                }
                return payload[offset] & 0xFF;
            }
        }
    }

    /** True when the client asks for an encrypted connection. */
    static boolean wantsTls(int requested) {
        return requested == ENCRYPT_ON || requested == ENCRYPT_REQ;
    }

    /** The server's PRELOGIN answer (sent in a TABULAR_RESULT message). */
    static byte[] answer(int encryption) {
        byte[][] values = {
            {16, 0, 0x10, (byte) 0xD9, 0, 0}, // VERSION 16.0.4313, sub-build 0
            {(byte) encryption},
            {0},                              // INSTOPT: instance name matched
            {},                               // THREADID: none
            {0},                              // MARS: off
        };
        int[] tokens = {OPT_VERSION, OPT_ENCRYPTION, OPT_INSTOPT, OPT_THREADID, OPT_MARS};
        int offset = tokens.length * 5 + 1;
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < tokens.length; i++) {
            header.write(tokens[i]);
            header.write(offset >>> 8);
            header.write(offset);
            header.write(values[i].length >>> 8);
            header.write(values[i].length);
            data.writeBytes(values[i]);
            offset += values[i].length;
        }
        header.write(OPT_TERMINATOR);
        header.writeBytes(data.toByteArray());
        return header.toByteArray();
    }
}
