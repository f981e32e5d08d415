package io.github.mssqlk8s.sim.tds;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * TLS as SQL Server does it for TDS 7.x: the handshake records travel inside PRELOGIN packets, then
 * the whole stream continues as plain TLS records on the socket carrying TDS packets.
 * TLS 1.2 only: its handshake ends with the server's flight, so nothing post-handshake (such as TLS 1.3
 * session tickets) has to be framed.
 */
final class TlsChannel {

    private final SSLEngine engine;
    private final InputStream rawIn;
    private final OutputStream rawOut;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;

    private TlsChannel(SSLEngine engine, InputStream rawIn, OutputStream rawOut) {
        this.engine = engine;
        this.rawIn = rawIn;
        this.rawOut = rawOut;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netIn.flip();
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.appIn.flip();
        this.netOut = ByteBuffer.allocate(packet);
    }

    /** Runs the server side of the handshake over PRELOGIN packets. */
    static TlsChannel handshake(SSLContext context, InputStream rawIn, OutputStream rawOut, PacketReader packets,
                                PacketWriter writer) throws IOException {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(new String[] {"TLSv1.2"});
        TlsChannel channel = new TlsChannel(engine, rawIn, rawOut);
        channel.runHandshake(packets, writer);
        return channel;
    }

    private void runHandshake(PacketReader packets, PacketWriter writer) throws IOException {
        engine.beginHandshake();
        TdsBuffer outgoing = new TdsBuffer();
        HandshakeStatus hs = engine.getHandshakeStatus();
        while (hs != HandshakeStatus.FINISHED && hs != HandshakeStatus.NOT_HANDSHAKING) {
            switch (hs) {
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    sendHandshake(outgoing, writer);
                    SSLEngineResult result = unwrap();
                    hs = result.getHandshakeStatus();
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        TdsMessage m = packets.read();
                        if (m == null) {
                            throw new EOFException("client left during the TLS handshake");
                        }
                        if (m.type() != TdsMessage.PRELOGIN) {
                            throw new TdsProtocolException("expected a PRELOGIN packet with TLS handshake data, got "
                                    + TdsMessage.typeName(m.type()));
                        }
                        appendNetIn(m.payload(), 0, m.payload().length);
                    } else if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("client closed TLS during the handshake");
                    }
                }
                case NEED_WRAP -> {
                    netOut.clear();
                    SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), netOut);
                    hs = result.getHandshakeStatus();
                    outgoing.bytes(netOut.array(), 0, netOut.position());
                }
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                    hs = engine.getHandshakeStatus();
                }
                default -> throw new IllegalStateException("handshake status " + hs);
            }
        }
        sendHandshake(outgoing, writer);
    }

    private static void sendHandshake(TdsBuffer outgoing, PacketWriter writer) throws IOException {
        if (outgoing.size() > 0) {
            writer.send(TdsMessage.PRELOGIN, outgoing.toByteArray());
            outgoing.clear();
        }
    }

    private SSLEngineResult unwrap() throws SSLException {
        appIn.compact();
        try {
            return engine.unwrap(netIn, appIn);
        } finally {
            appIn.flip();
        }
    }

    private void appendNetIn(byte[] b, int off, int len) {
        netIn.compact();
        if (netIn.remaining() < len) {
            ByteBuffer bigger = ByteBuffer.allocate(netIn.position() + len);
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        netIn.put(b, off, len);
        netIn.flip();
    }

    /** Decrypted bytes from the TLS records that follow the handshake. */
    InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (!appIn.hasRemaining()) {
                    if (!fill()) {
                        return -1;
                    }
                }
                int n = Math.min(len, appIn.remaining());
                appIn.get(b, off, n);
                return n;
            }
        };
    }

    /** False at the end of the stream (socket or TLS closed). */
    private boolean fill() throws IOException {
        while (true) {
            SSLEngineResult result = unwrap();
            switch (result.getStatus()) {
                case OK -> {
                    if (appIn.hasRemaining()) {
                        return true;
                    }
                }
                case CLOSED -> {
                    return false;
                }
                case BUFFER_OVERFLOW -> {
                    ByteBuffer bigger = ByteBuffer.allocate(appIn.capacity() * 2);
                    bigger.put(appIn).flip();
                    appIn = bigger;
                }
                case BUFFER_UNDERFLOW -> {
                    byte[] chunk = new byte[engine.getSession().getPacketBufferSize()];
                    int n = rawIn.read(chunk);
                    if (n < 0) {
                        if (netIn.hasRemaining()) {
                            throw new EOFException("connection closed inside a TLS record");
                        }
                        return false;
                    }
                    appendNetIn(chunk, 0, n);
                }
            }
        }
    }

    /** Encrypts what is written into TLS records on the socket. */
    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (TlsChannel.this) {
                    ByteBuffer src = ByteBuffer.wrap(b, off, len);
                    while (src.hasRemaining()) {
                        netOut.clear();
                        SSLEngineResult result = engine.wrap(src, netOut);
                        if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                            netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                            continue;
                        }
                        if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                            throw new SSLException("TLS closed");
                        }
                        rawOut.write(netOut.array(), 0, netOut.position());
                    }
                }
            }

            @Override
            public void flush() throws IOException {
                rawOut.flush();
            }
        };
    }
}
