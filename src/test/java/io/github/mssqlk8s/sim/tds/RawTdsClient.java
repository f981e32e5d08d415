package io.github.mssqlk8s.sim.tds;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A bare TDS client for the tests the JDBC driver cannot drive (RPC by procedure name, transaction
 * manager requests, unknown packet types): unencrypted PRELOGIN and LOGIN7, then raw messages.
 */
final class RawTdsClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawTdsClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** PRELOGIN without encryption and LOGIN7; returns the login response payload. */
    byte[] login(String user, String password) throws IOException {
        byte[] prelogin = {0x00, 0, 11, 0, 6, 0x01, 0, 17, 0, 1, (byte) 0xFF, 16, 0, 0, 0, 0, 0, Prelogin.ENCRYPT_NOT_SUP};
        send(TdsMessage.PRELOGIN, prelogin);
        read();
        send(TdsMessage.LOGIN7, login7(user, password));
        return read();
    }

    private static byte[] login7(String user, String password) {
        String[] fields = {"host", user, password, "raw-test", "127.0.0.1", "", "raw", "", "master"};
        TdsBuffer fixed = new TdsBuffer();
        TdsBuffer data = new TdsBuffer();
        int offset = 94;
        for (int i = 0; i < fields.length; i++) {
            byte[] b = fields[i].getBytes(StandardCharsets.UTF_16LE);
            if (i == 2) {
                for (int j = 0; j < b.length; j++) {
                    int v = b[j] & 0xFF;
                    b[j] = (byte) ((((v & 0x0F) << 4) | (v >>> 4)) ^ 0xA5);
                }
            }
            fixed.u16(offset).u16(fields[i].length());
            data.bytes(b);
            offset += b.length;
        }
        TdsBuffer login = new TdsBuffer();
        login.u32(94 + data.size()).u32(0x74000004).u32(4096).u32(0).u32(0).u32(0);
        login.u8(0).u8(0).u8(0).u8(0).u32(0).u32(0x0409);
        login.bytes(fixed.toByteArray());
        login.bytes(new byte[6]).u16(0).u16(0).u16(0).u16(0).u16(0).u16(0).u32(0); // ClientID, SSPI, attach, change pw
        login.bytes(data.toByteArray());
        return login.toByteArray();
    }

    /** ALL_HEADERS with a transaction descriptor of 0, as clients send in front of requests. */
    static TdsBuffer withAllHeaders() {
        return new TdsBuffer().u32(22).u32(18).u16(2).u64(0).u32(1);
    }

    void send(int type, byte[] payload) throws IOException {
        byte[] packet = new byte[8 + payload.length];
        packet[0] = (byte) type;
        packet[1] = TdsMessage.STATUS_EOM;
        packet[2] = (byte) (packet.length >>> 8);
        packet[3] = (byte) packet.length;
        packet[6] = 1;
        System.arraycopy(payload, 0, packet, 8, payload.length);
        out.write(packet);
        out.flush();
    }

    /** One whole server message; EOFException when the server closed the connection. */
    byte[] read() throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        byte[] header = new byte[8];
        while (true) {
            in.readFully(header);
            int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
            byte[] body = new byte[length - 8];
            in.readFully(body);
            payload.write(body);
            if ((header[1] & TdsMessage.STATUS_EOM) != 0) {
                return payload.toByteArray();
            }
        }
    }

    /** True once the server closed the connection (reads end of stream). */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (EOFException e) {
            return true;
        } catch (IOException e) {
            return !e.getClass().getSimpleName().contains("Timeout");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
