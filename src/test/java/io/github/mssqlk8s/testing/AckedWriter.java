package io.github.mssqlk8s.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * An application writing through the AG's primary route: before each write it asks the route which instance
 * the {@code <ag>-primary} Service would pick (the pod labelled primary), and inserts one numbered row there as
 * sa through mssql-jdbc. Every write the server acknowledged is recorded with when and where.
 */
public final class AckedWriter implements AutoCloseable {

    /** One acknowledged write. */
    public record Ack(long id, String instance, Instant at) {
    }

    private final Supplier<List<String>> route;
    private final java.util.function.ToIntFunction<String> ports;
    private final String table;
    private final ConcurrentSkipListMap<Long, Ack> acknowledged = new ConcurrentSkipListMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private Connection connection;
    private String connectedTo;
    private long nextId = 1;
    private volatile long attempts;

    /** {@code route}: instance names of the pods labelled primary; {@code table}: {@code db.dbo.t}. */
    AckedWriter(Supplier<List<String>> route, java.util.function.ToIntFunction<String> ports, String table) {
        this.route = route;
        this.ports = ports;
        this.table = table;
        this.thread = new Thread(this::run, "acked-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public List<Ack> acknowledged() {
        return List.copyOf(acknowledged.values());
    }

    public long attempts() {
        return attempts;
    }

    /** Waits (30 s at most) until {@code more} further writes than now have been acknowledged. */
    public void awaitMoreAcknowledged(int more) {
        int target = acknowledged.size() + more;
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> acknowledged.size() >= target);
    }

    /** The first write acknowledged at or after {@code since}, by any instance. */
    public java.util.Optional<Ack> firstAckAfter(Instant since) {
        return firstAckAfter(since, null);
    }

    /** The first write acknowledged at or after {@code since} by an instance other than {@code except}. */
    public java.util.Optional<Ack> firstAckAfter(Instant since, String except) {
        return acknowledged.values().stream()
                .filter(a -> !a.at().isBefore(since) && !a.instance().equals(except)).findFirst();
    }

    private void run() {
        while (running) {
            List<String> targets = route.get();
            if (targets.isEmpty()) {
                pause(20);
                continue;
            }
            String target = targets.get((int) (nextId % targets.size()));
            long id = nextId++;
            attempts++;
            try {
                Connection c = connect(target);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (id, v) VALUES (?, ?)")) {
                    insert.setQueryTimeout(2);
                    insert.setLong(1, id);
                    insert.setString(2, target);
                    insert.executeUpdate();
                }
                acknowledged.put(id, new Ack(id, target, Instant.now()));
            } catch (SQLException | RuntimeException notAcknowledged) {
                drop();
                pause(20);
            }
            pause(10);
        }
        drop();
    }

    private Connection connect(String target) throws SQLException {
        if (connection != null && target.equals(connectedTo)) {
            return connection;
        }
        drop();
        connection = SqlServerSimulator.connectAsSa(ports.applyAsInt(target));
        connectedTo = target;
        return connection;
    }

    private void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // replaced anyway
            }
            connection = null;
            connectedTo = null;
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
