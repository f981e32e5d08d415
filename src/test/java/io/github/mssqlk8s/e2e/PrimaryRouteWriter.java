package io.github.mssqlk8s.e2e;

import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of the AG as users have one: it reaches SQL Server only through the {@code <ag>-primary} Service (a port
 * forward to the Service, renewed after every failure so that it follows the Service's selector), writes one row
 * at a time, and remembers every write SQL Server acknowledged.
 */
final class PrimaryRouteWriter implements AutoCloseable {

    static final String DATABASE = "e2edb";
    private static final String TABLE = DATABASE + ".dbo.writes";

    record Ack(long id, Instant at) {
    }

    private final E2ECluster cluster;
    private final String password;
    private final List<Ack> acknowledged = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private LocalPortForward forward;

    PrimaryRouteWriter(E2ECluster cluster) {
        this.cluster = cluster;
        this.password = cluster.saPassword();
        this.thread = new Thread(this::writeUntilClosed, "primary-route-writer");
    }

    /** Creates the database in the AG (a user's step after bootstrap) unless it is there, then starts writing. */
    PrimaryRouteWriter start() throws SQLException, IOException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("IF DB_ID(N'" + DATABASE + "') IS NULL BEGIN"
                    + " CREATE DATABASE [" + DATABASE + "];"
                    + " ALTER DATABASE [" + DATABASE + "] SET RECOVERY FULL;"
                    + " BACKUP DATABASE [" + DATABASE + "] TO DISK = N'NUL';"
                    + " EXEC (N'CREATE TABLE " + TABLE + " (id BIGINT PRIMARY KEY, at DATETIME2 NOT NULL)');"
                    + " ALTER AVAILABILITY GROUP [" + E2ECluster.AG + "] ADD DATABASE [" + DATABASE + "];"
                    + " END");
            try (ResultSet rows = statement.executeQuery("SELECT ISNULL(MAX(id), 0) FROM " + TABLE)) {
                rows.next();
                nextId.set(rows.getLong(1) + 1);
            }
        }
        thread.start();
        return this;
    }

    List<Ack> acknowledged() {
        return List.copyOf(acknowledged);
    }

    Optional<Ack> firstAckAfter(Instant instant) {
        return acknowledged.stream().filter(ack -> ack.at().isAfter(instant)).findFirst();
    }

    /** The acknowledged writes missing from the table, read through the primary route once the writer stopped. */
    List<Long> lostWrites() throws SQLException, IOException {
        Set<Long> stored = new HashSet<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM " + TABLE)) {
            while (rows.next()) {
                stored.add(rows.getLong(1));
            }
        }
        List<Long> lost = new ArrayList<>();
        acknowledged.forEach(ack -> {
            if (!stored.contains(ack.id())) {
                lost.add(ack.id());
            }
        });
        return lost;
    }

    private void writeUntilClosed() {
        while (running.get()) {
            long id = nextId.get();
            try (Connection connection = connect();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE + " (id, at) VALUES (?, SYSUTCDATETIME())")) {
                while (running.get()) {
                    insert.setLong(1, id);
                    insert.executeUpdate();
                    acknowledged.add(new Ack(id, Instant.now()));
                    id = nextId.incrementAndGet();
                }
            } catch (SQLException | IOException | RuntimeException failed) {
                // The primary moved or is moving: a new forward follows the Service's selector.
                closeForward();
                if (failed.getMessage() != null && failed.getMessage().contains("PRIMARY KEY")) {
                    nextId.incrementAndGet(); // the write landed but its acknowledgement was lost; not counted
                }
                pause();
            }
        }
    }

    private synchronized Connection connect() throws SQLException, IOException {
        if (forward == null || !forward.isAlive()) {
            closeForward();
            forward = cluster.client().services().inNamespace(cluster.namespace()).withName(E2ECluster.AG + "-primary")
                    .portForward(1433);
        }
        return E2ECluster.connectAsSa(forward.getLocalPort(), password);
    }

    private synchronized void closeForward() {
        if (forward != null) {
            try {
                forward.close();
            } catch (IOException ignored) {
                // A dead forward has nothing left to close.
            }
            forward = null;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(Duration.ofMillis(100).toMillis());
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(Duration.ofSeconds(30).toMillis());
        closeForward();
    }
}
