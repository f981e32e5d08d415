package io.github.mssqlk8s.sim.tds;

import io.github.mssqlk8s.sim.SimInstance;
import io.github.mssqlk8s.sim.SimInstance.Availability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * The TDS 7.4 front end of one simulated instance: a loopback listener, one thread per connection.
 * While the instance is STOPPED the listening socket is closed (clients get "connection refused"); it
 * is opened again on the same port once the instance runs again (availability is polled every 50 ms).
 *
 * <pre>{@code
 * try (TdsServer server = TdsServer.start(instance)) {          // ephemeral port, TLS with the test cert
 *     Connection c = DriverManager.getConnection(server.jdbcUrl() + ";user=sa;password=…");
 * }
 * }</pre>
 */
public final class TdsServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TdsServer.class.getName());
    private static final int POLL_MILLIS = 50;

    private final SimInstance instance;
    private final SSLContext tls;
    private final int port;
    private final Set<TdsConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final RequestLog requestLog = new RequestLog();
    private final Thread acceptor;
    private volatile boolean closed;
    private volatile ServerSocket listener;

    private TdsServer(SimInstance instance, int port, SSLContext tls) throws IOException {
        this.instance = instance;
        this.tls = tls;
        this.listener = bind(port);
        this.port = listener.getLocalPort();
        this.acceptor = new Thread(this::acceptLoop, "tds-accept-" + instance.serverName() + "-" + this.port);
        this.acceptor.setDaemon(true);
        this.acceptor.start();
        LOG.fine(() -> "TDS front end of " + instance.serverName() + " on 127.0.0.1:" + this.port);
    }

    /** Listens on an ephemeral loopback port, with TLS (for {@code encrypt=true}) from the test certificate. */
    public static TdsServer start(SimInstance instance) {
        return start(instance, 0);
    }

    /** Listens on {@code port} (0 = ephemeral) on the loopback interface. */
    public static TdsServer start(SimInstance instance, int port) {
        return start(instance, port, TdsTestCertificate.serverContext());
    }

    /** As {@link #start(SimInstance, int)} with a TLS context of your own (null: encryption not supported). */
    public static TdsServer start(SimInstance instance, int port, SSLContext tls) {
        try {
            return new TdsServer(instance, port, tls);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for " + instance.serverName() + " on port " + port, e);
        }
    }

    /** The bound port (stays the same across STOPPED/RUNNING). */
    public int port() {
        return port;
    }

    /** {@code jdbc:sqlserver://127.0.0.1:PORT;encrypt=false}: append {@code ;user=…;password=…} and more. */
    public String jdbcUrl() {
        return "jdbc:sqlserver://127.0.0.1:" + port + ";encrypt=false";
    }

    /** The number of open client connections (for tests). */
    public int openConnections() {
        return connections.size();
    }

    /**
     * The last requests received, one line each: {@code SQL_BATCH}, {@code RPC sp_executesql},
     * {@code RPC sp_prepexec}, {@code RPC sp_execute handle=1}, {@code RPC <procedure>}, {@code TM …}.
     */
    public List<String> requestLog() {
        return requestLog.snapshot();
    }

    private ServerSocket bind(int bindPort) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), bindPort), 50);
        socket.setSoTimeout(POLL_MILLIS);
        return socket;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                if (instance.availability() == Availability.STOPPED) {
                    closeListener();
                    Thread.sleep(POLL_MILLIS);
                    continue;
                }
                if (listener == null) {
                    listener = bind(port);
                    LOG.fine(() -> instance.serverName() + " listens again on port " + port);
                }
                accept(listener.accept());
            } catch (SocketTimeoutException e) {
                // poll availability again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.FINE, "listener of " + instance.serverName() + ": " + e);
                    closeListener();
                    sleepQuietly();
                }
            }
        }
    }

    private void accept(Socket socket) {
        TdsConnection[] self = new TdsConnection[1];
        self[0] = new TdsConnection(instance, socket, tls, requestLog, () -> connections.remove(self[0]));
        connections.add(self[0]);
        Thread worker = new Thread(self[0], "tds-conn-" + instance.serverName() + "-" + connectionCount.incrementAndGet());
        worker.setDaemon(true);
        worker.start();
    }

    private void closeListener() {
        ServerSocket s = listener;
        listener = null;
        if (s != null) {
            try {
                s.close();
                LOG.fine(() -> instance.serverName() + " stopped listening on port " + port);
            } catch (IOException e) {
                LOG.fine(() -> "closing listener: " + e);
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        closed = true;
        closeListener();
        for (TdsConnection c : connections) {
            c.close();
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeListener(); // the acceptor may have re-opened it just before seeing closed
    }
}
