package io.github.mssqlk8s.sim.tds;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads client packets and joins them into messages (a message ends with the packet that has EOM). */
final class PacketReader {

    static final int HEADER = 8;
    /** The largest packet TDS allows. */
    private static final int MAX_PACKET = 32767;

    private final InputStream in;

    PacketReader(InputStream in) {
        this.in = in;
    }

    /** The next whole message, or null when the client closed the connection between messages. */
    TdsMessage read() throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        byte[] header = new byte[HEADER];
        int type = -1;
        int firstStatus = 0;
        while (true) {
            if (!readFully(header, type == -1)) {
                return null;
            }
            int packetType = header[0] & 0xFF;
            int status = header[1] & 0xFF;
            int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
            if (length < HEADER || length > MAX_PACKET) {
                throw new TdsProtocolException("bad packet length " + length);
            }
            if (type == -1) {
                type = packetType;
                firstStatus = status;
            } else if (packetType != type) {
                throw new TdsProtocolException("packet of type " + TdsMessage.typeName(packetType)
                        + " inside a " + TdsMessage.typeName(type) + " message");
            }
            byte[] body = new byte[length - HEADER];
            readFully(body, false);
            payload.write(body);
            if ((status & TdsMessage.STATUS_EOM) != 0) {
                return new TdsMessage(type, firstStatus, payload.toByteArray());
            }
        }
    }

    /** False on a clean end of stream before the first byte, when {@code eofAllowed}. */
    private boolean readFully(byte[] b, boolean eofAllowed) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = in.read(b, off, b.length - off);
            if (n < 0) {
                if (off == 0 && eofAllowed) {
                    return false;
                }
                throw new EOFException("connection closed inside a packet");
            }
            off += n;
        }
        return true;
    }
}
