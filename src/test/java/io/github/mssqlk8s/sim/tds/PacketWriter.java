package io.github.mssqlk8s.sim.tds;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Builds one server message at a time and sends it as packets of the negotiated size; every physical
 * write first passes the {@link Gate} (that is where the HUNG, STOPPED and crash faults act).
 */
final class PacketWriter {

    /** Called before bytes go on the wire; blocks while the instance is hung, throws when it is gone. */
    interface Gate {
        void awaitAnswerable() throws IOException;
    }

    private static final int STATUS_NORMAL = 0x00;

    private final Gate gate;
    private final TdsBuffer body = new TdsBuffer();
    private OutputStream out;
    private int packetSize = 4096;
    private int spid;
    private int type;
    private int packetId;

    PacketWriter(OutputStream out, Gate gate) {
        this.out = out;
        this.gate = gate;
    }

    void output(OutputStream newOut) {
        this.out = newOut;
    }

    void packetSize(int size) {
        this.packetSize = size;
    }

    void spid(int spid) {
        this.spid = spid;
    }

    /** Starts a message; tokens are appended to {@link #body()}. */
    void begin(int messageType) {
        this.type = messageType;
        this.packetId = 1;
        body.clear();
    }

    /** True while no packet of the current message went out (its buffered tokens can still be dropped). */
    boolean nothingSent() {
        return packetId == 1;
    }

    TdsBuffer body() {
        return body;
    }

    /** Sends the full packets buffered so far, keeping at least one byte for the final (EOM) packet. */
    void sendFullPackets() throws IOException {
        int payload = packetSize - PacketReader.HEADER;
        int sent = 0;
        while (body.size() - sent > payload) {
            writePacket(sent, payload, STATUS_NORMAL);
            sent += payload;
        }
        if (sent > 0) {
            out.flush();
            body.discard(sent);
        }
    }

    /** Sends everything buffered now, as packets without EOM: the client sees it before the message ends. */
    void flush() throws IOException {
        sendFullPackets();
        if (body.size() > 0) {
            writePacket(0, body.size(), STATUS_NORMAL);
            out.flush();
            body.clear();
        }
    }

    /** Sends the rest of the message with EOM on its last packet. */
    void end() throws IOException {
        sendFullPackets();
        writePacket(0, body.size(), TdsMessage.STATUS_EOM);
        out.flush();
        body.clear();
    }

    /** A whole message in one call. */
    void send(int messageType, byte[] payload) throws IOException {
        begin(messageType);
        body.bytes(payload);
        end();
    }

    private void writePacket(int from, int len, int status) throws IOException {
        gate.awaitAnswerable();
        byte[] packet = new byte[PacketReader.HEADER + len];
        int total = packet.length;
        packet[0] = (byte) type;
        packet[1] = (byte) status;
        packet[2] = (byte) (total >>> 8);
        packet[3] = (byte) total;
        packet[4] = (byte) (spid >>> 8);
        packet[5] = (byte) spid;
        packet[6] = (byte) packetId;
        packet[7] = 0;
        System.arraycopy(body.array(), from, packet, PacketReader.HEADER, len);
        packetId = (packetId + 1) & 0xFF;
        out.write(packet);
    }
}
