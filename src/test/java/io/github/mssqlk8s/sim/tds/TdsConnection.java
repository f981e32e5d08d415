package io.github.mssqlk8s.sim.tds;

import io.github.mssqlk8s.sim.SimInstance;
import io.github.mssqlk8s.sim.SimInstance.Availability;
import io.github.mssqlk8s.sim.SimSession;
import io.github.mssqlk8s.sim.SimSqlException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * One client connection: PRELOGIN (and TLS), LOGIN7, then requests until the client leaves or a fault
 * ends it. A worker thread (this runnable) answers; a reader thread reads ahead so that an ATTENTION is
 * seen while the engine still runs the request it cancels.
 */
final class TdsConnection implements Runnable {

    private static final Logger LOG = Logger.getLogger(TdsConnection.class.getName());
    private static final long POLL_MILLIS = 50;
    private static final int DEFAULT_PACKET_SIZE = 4096;
    private static final int MIN_PACKET_SIZE = 512;
    private static final int MAX_PACKET_SIZE = 32767;
    private static final int ERR_LOGIN_FAILED = 18456;
    private static final TdsMessage END_OF_STREAM = new TdsMessage(-1, 0, new byte[0]);

    private final SimInstance instance;
    private final Socket socket;
    private final SSLContext tls;
    private final Runnable onClose;
    private final RequestLog log;
    private final long epoch;
    private final Attention attention = new Attention();
    private final BlockingQueue<TdsMessage> requests = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SimSession session;

    TdsConnection(SimInstance instance, Socket socket, SSLContext tls, RequestLog log, Runnable onClose) {
        this.log = log;
        this.instance = instance;
        this.socket = socket;
        this.tls = tls;
        this.onClose = onClose;
        this.epoch = instance.epoch();
    }

    @Override
    public void run() {
        try {
            socket.setTcpNoDelay(true);
            InputStream rawIn = new BufferedInputStream(socket.getInputStream());
            OutputStream rawOut = new BufferedOutputStream(socket.getOutputStream());
            PacketReader packets = new PacketReader(rawIn);
            PacketWriter writer = new PacketWriter(rawOut, this::awaitAnswerable);
            TokenWriter tokens = new TokenWriter(writer.body(), instance.serverName());

            TdsMessage prelogin = expect(packets.read(), TdsMessage.PRELOGIN);
            boolean encrypt = Prelogin.wantsTls(Prelogin.requestedEncryption(prelogin.payload())) && tls != null;
            respondDelay();
            writer.send(TdsMessage.TABULAR_RESULT,
                    Prelogin.answer(encrypt ? Prelogin.ENCRYPT_ON : Prelogin.ENCRYPT_NOT_SUP));
            if (encrypt) {
                TlsChannel channel = TlsChannel.handshake(tls, rawIn, rawOut, packets, writer);
                packets = new PacketReader(channel.input());
                writer.output(channel.output());
            }
            Login7 login = Login7.parse(expect(packets.read(), TdsMessage.LOGIN7).payload());
            LOG.fine(() -> "LOGIN7 on " + instance.serverName() + ": " + login);
            if (login(login, writer, tokens)) {
                startReader(packets);
                serve(new RequestHandler(session, writer, tokens, attention, this::gone, log));
            }
        } catch (TdsProtocolException e) {
            LOG.warning("closing connection to " + instance.serverName() + " after a protocol error: " + e.getMessage());
        } catch (IOException e) {
            LOG.fine(() -> "connection to " + instance.serverName() + " ended: " + e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "connection to " + instance.serverName() + " failed", e);
        } finally {
            close();
        }
    }

    private static TdsMessage expect(TdsMessage m, int type) throws IOException {
        if (m == null) {
            throw new IOException("client closed the connection before " + TdsMessage.typeName(type));
        }
        if (m.type() != type) {
            throw new TdsProtocolException("expected " + TdsMessage.typeName(type) + ", got " + TdsMessage.typeName(m.type()));
        }
        return m;
    }

    /** Answers LOGIN7; false when the login failed (the error was sent and the connection must close). */
    private boolean login(Login7 login, PacketWriter writer, TokenWriter tokens) throws IOException {
        SimSession s;
        try {
            s = instance.login(login.userName(), login.password(), login.database(), login.appName());
        } catch (SimSqlException e) {
            LOG.fine(() -> "login of " + login.userName() + " refused: " + e.number() + " " + e.getMessage());
            respondDelay();
            writer.begin(TdsMessage.TABULAR_RESULT);
            String text = e.getMessage() != null ? e.getMessage() : "Login failed for user '" + login.userName() + "'.";
            tokens.message(true, e.number() != 0 ? e.number() : ERR_LOGIN_FAILED, e.state(), e.severity(), text);
            tokens.done(TokenWriter.DONE, TokenWriter.DONE_ERROR);
            writer.end();
            return false;
        }
        session = s;
        int packetSize = login.packetSize() == 0 ? DEFAULT_PACKET_SIZE
                : Math.max(MIN_PACKET_SIZE, Math.min(MAX_PACKET_SIZE, login.packetSize()));
        respondDelay();
        writer.spid(s.spid());
        writer.begin(TdsMessage.TABULAR_RESULT);
        tokens.envChange(TokenWriter.ENV_DATABASE, s.database(), "master");
        tokens.message(false, 5701, 2, 0, "Changed database context to '" + s.database() + "'.");
        tokens.envChangeBytes(TokenWriter.ENV_COLLATION, TypeCodec.COLLATION, new byte[0]);
        tokens.envChange(TokenWriter.ENV_PACKET_SIZE, Integer.toString(packetSize), Integer.toString(DEFAULT_PACKET_SIZE));
        tokens.loginAck("Microsoft SQL Server", 16, 0, 4313);
        if (login.featureExt()) {
            tokens.featureExtAck();
        }
        tokens.done(TokenWriter.DONE, TokenWriter.DONE_FINAL);
        writer.end();
        writer.packetSize(packetSize);
        LOG.fine(() -> "spid " + s.spid() + " logged in to " + instance.serverName() + " as " + login.userName());
        return true;
    }

    private void startReader(PacketReader packets) {
        Thread reader = new Thread(() -> {
            try {
                TdsMessage m;
                while ((m = packets.read()) != null) {
                    if (m.type() == TdsMessage.ATTENTION) {
                        attention.received();
                    }
                    requests.add(m);
                }
            } catch (IOException e) {
                LOG.fine(() -> "reader of " + instance.serverName() + " stopped: " + e);
            } finally {
                requests.add(END_OF_STREAM);
            }
        }, "tds-reader-" + instance.serverName() + "-" + session.spid());
        reader.setDaemon(true);
        reader.start();
    }

    private void serve(RequestHandler handler) throws IOException {
        while (!closed.get()) {
            TdsMessage m;
            try {
                m = requests.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (gone()) {
                LOG.fine(() -> "closing spid " + session.spid() + ": instance " + instance.serverName() + " went away");
                return;
            }
            if (m == null) {
                continue;
            }
            if ((m.status() & TdsMessage.STATUS_RESET_CONNECTION) != 0) {
                LOG.fine("client asked for a connection reset: the simulator keeps the session as it is");
            }
            switch (m.type()) {
                case -1 -> {
                    return;
                }
                case TdsMessage.ATTENTION -> handler.acknowledgeIdleAttention();
                case TdsMessage.SQL_BATCH -> {
                    respondDelay();
                    handler.sqlBatch(m.payload());
                }
                case TdsMessage.RPC -> {
                    respondDelay();
                    handler.rpc(m.payload());
                }
                case TdsMessage.TRANSACTION_MANAGER -> {
                    respondDelay();
                    handler.transactionManager(m.payload());
                }
                default -> throw new TdsProtocolException("unexpected " + TdsMessage.typeName(m.type()) + " message");
            }
        }
    }

    /** The gate in front of every write: hold while HUNG, fail when the instance stopped or restarted. */
    private void awaitAnswerable() throws IOException {
        while (true) {
            if (closed.get()) {
                throw new IOException("connection closed");
            }
            if (instance.epoch() != epoch) {
                throw new IOException("instance " + instance.serverName() + " restarted (epoch " + epoch + " is over)");
            }
            Availability availability = instance.availability();
            if (availability == Availability.STOPPED) {
                throw new IOException("instance " + instance.serverName() + " is stopped");
            }
            if (availability == Availability.RUNNING) {
                return;
            }
            pause(POLL_MILLIS);
        }
    }

    /** True once this connection cannot live on (closed, instance stopped or restarted). */
    private boolean gone() {
        return closed.get() || instance.epoch() != epoch || instance.availability() == Availability.STOPPED;
    }

    private void respondDelay() throws IOException {
        Duration delay = instance.responseDelay();
        if (delay != null && !delay.isZero() && !delay.isNegative()) {
            pause(delay.toMillis());
        }
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.fine(() -> "closing socket: " + e);
        }
        SimSession s = session;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "session close failed", e);
            }
        }
        onClose.run();
    }
}
