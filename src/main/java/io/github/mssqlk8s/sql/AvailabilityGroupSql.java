package io.github.mssqlk8s.sql;

import io.github.mssqlk8s.ha.AvailabilityMode;
import io.github.mssqlk8s.ha.ConfiguredReplica;
import io.github.mssqlk8s.ha.DatabaseState;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.ha.SynchronizationState;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The AG agent's T-SQL (contract §5): typed reads of the local replica and one method per statement. One
 * connection, opened on demand with the login read from its files each time, whose session carries the
 * {@code external_cluster} context every role change of an EXTERNAL AG needs. Every statement has a query
 * timeout and the connection a network timeout, so a hung instance cannot block the agent; a failed statement
 * drops the connection and the next call reconnects. Results are always walked to the end, so an error of a
 * later statement is never lost. The one exception to the agents' login is {@code CREATE AVAILABILITY GROUP}, which
 * SQL Server allows only to sysadmin: it runs as sa on a short-lived connection of its own.
 */
public final class AvailabilityGroupSql implements AutoCloseable {

    /** {@code FAILOVER} refused: the target's databases are not synchronized. */
    public static final int PROMOTION_REFUSED = 41142;
    /** {@code WRITE_LEASE_VALIDITY}: external lease updates are not enabled for this group (on this replica). */
    public static final int WRITE_LEASE_NOT_ENABLED = 47116;
    /** {@code WRITE_LEASE_VALIDITY}: the new expiry would be earlier than the current one, which stays. */
    public static final int WRITE_LEASE_EARLIER = 47119;
    /** Thrown by a renewal batch that SQL Server ran after its deadline (a user error number, 50000 and up). */
    public static final int RENEWAL_DEADLINE_PASSED = 50001;
    /** A role change that failed because it was already done (e.g. SET ROLE on a secondary). */
    public static final int ROLE_CHANGE_FAILED = 41104;

    private final SqlConnector connector;
    private final LoginFiles loginFiles;
    private final SaPasswordFile saPassword;
    private final Duration queryTimeout;
    private final Duration joinTimeout;
    private final ExecutorService networkTimeouts = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ag-sql-timeouts");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Connection connection;

    public AvailabilityGroupSql(SqlConnector connector, LoginFiles loginFiles, SaPasswordFile saPassword,
                                Duration queryTimeout, Duration joinTimeout) {
        this.connector = connector;
        this.loginFiles = loginFiles;
        this.saPassword = saPassword;
        this.queryTimeout = queryTimeout;
        this.joinTimeout = joinTimeout;
    }

    // ---- reads ----

    public synchronized LocalReplicaState read(String ag) throws SQLException, IOException {
        return guarded(c -> {
            Long sequence = null;
            Integer rsstc = null;
            ReplicaRole role = ReplicaRole.NOT_JOINED;
            AvailabilityMode mode = null;
            Duration writeLease = null;
            try (PreparedStatement s = prepare(c, "SELECT ag.sequence_number, ag.required_synchronized_secondaries_to_commit"
                    + " FROM sys.availability_groups ag WHERE ag.name = ?", ag); ResultSet rows = s.executeQuery()) {
                if (rows.next()) {
                    sequence = rows.getLong(1);
                    rsstc = rows.getInt(2);
                }
            }
            if (sequence != null) {
                try (PreparedStatement s = prepare(c, "SELECT rs.role_desc, rs.write_lease_remaining_ticks, ar.availability_mode_desc"
                        + " FROM sys.availability_groups ag"
                        + " JOIN sys.dm_hadr_availability_replica_states rs ON rs.group_id = ag.group_id"
                        + " JOIN sys.availability_replicas ar ON ar.replica_id = rs.replica_id"
                        + " WHERE ag.name = ? AND rs.is_local = 1", ag); ResultSet rows = s.executeQuery()) {
                    if (rows.next()) {
                        role = role(rows.getString(1));
                        long ticks = rows.getLong(2);
                        writeLease = rows.wasNull() ? null : Duration.ofMillis(ticks);
                        mode = mode(rows.getString(3));
                    }
                }
            }
            Map<String, SynchronizationState> synchronization = new LinkedHashMap<>();
            Map<String, DatabaseState> states = new LinkedHashMap<>();
            List<ConfiguredReplica> configured = new ArrayList<>();
            if (role != ReplicaRole.NOT_JOINED) {
                try (PreparedStatement s = prepare(c, "SELECT d.name, drs.synchronization_state_desc, d.state_desc"
                        + " FROM sys.dm_hadr_database_replica_states drs"
                        + " JOIN sys.databases d ON d.database_id = drs.database_id"
                        + " JOIN sys.availability_groups ag ON ag.group_id = drs.group_id"
                        + " WHERE drs.is_local = 1 AND ag.name = ?", ag); ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        synchronization.put(rows.getString(1), synchronization(rows.getString(2)));
                        states.put(rows.getString(1), DatabaseState.parse(rows.getString(3)));
                    }
                }
            }
            if (role == ReplicaRole.PRIMARY) {
                try (PreparedStatement s = prepare(c, "SELECT ar.replica_server_name, ar.availability_mode_desc"
                        + " FROM sys.availability_replicas ar JOIN sys.availability_groups ag ON ag.group_id = ar.group_id"
                        + " WHERE ag.name = ?", ag); ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        configured.add(new ConfiguredReplica(rows.getString(1), mode(rows.getString(2))));
                    }
                }
            }
            return new LocalReplicaState(role, mode, sequence, rsstc, writeLease, synchronization, states, configured);
        });
    }

    // ---- statements ----

    /**
     * The AG with every member (contract §5) and the write lease; the creator is its first primary. Runs as sa
     * (SQL Server requires sysadmin for it) on a connection opened for this statement alone and closed at once; a
     * missing sa file or a refused sa login fails it like any other statement.
     */
    public synchronized void createAvailabilityGroup(String ag, List<ReplicaDefinition> replicas, int writeLeaseSeconds,
                                                     int requiredSynchronizedSecondaries) throws SQLException, IOException {
        StringBuilder sql = new StringBuilder("CREATE AVAILABILITY GROUP ").append(SqlQuote.identifier(ag))
                .append(" WITH (CLUSTER_TYPE = EXTERNAL, DB_FAILOVER = ON, WRITE_LEASE_VALIDITY = ").append(writeLeaseSeconds)
                .append(", REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT = ").append(requiredSynchronizedSecondaries)
                .append(") FOR REPLICA ON ");
        for (int i = 0; i < replicas.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(replicaSpec(replicas.get(i)));
        }
        try (Connection asSa = connector.connect(saPassword.read())) {
            run(asSa, sql.toString(), joinTimeout);
        }
    }

    public synchronized void join(String ag) throws SQLException, IOException {
        execute(alter(ag) + " JOIN WITH (CLUSTER_TYPE = EXTERNAL)", joinTimeout);
    }

    public synchronized void grantCreateAnyDatabase(String ag) throws SQLException, IOException {
        execute(alter(ag) + " GRANT CREATE ANY DATABASE", queryTimeout);
    }

    public synchronized void addReplica(String ag, ReplicaDefinition replica) throws SQLException, IOException {
        execute(alter(ag) + " ADD REPLICA ON " + replicaSpec(replica), joinTimeout);
    }

    public synchronized void removeReplica(String ag, String replicaServerName) throws SQLException, IOException {
        execute(alter(ag) + " REMOVE REPLICA ON " + SqlQuote.unicodeLiteral(replicaServerName), queryTimeout);
    }

    public synchronized void modifyReplica(String ag, String replicaServerName, AvailabilityMode mode)
            throws SQLException, IOException {
        execute(alter(ag) + " MODIFY REPLICA ON " + SqlQuote.unicodeLiteral(replicaServerName)
                + " WITH (AVAILABILITY_MODE = " + keyword(mode) + ")", queryTimeout);
    }

    /**
     * {@code FAILOVER} on the target, unless {@code deadlineNanoTime} has passed when SQL Server runs the batch: a
     * FAILOVER may start a write lease, so it is bound to the Lease renewal just before it like a renewal is.
     */
    public synchronized void failover(String ag, long deadlineNanoTime) throws SQLException, IOException {
        execute(guardedByDeadline(deadlineNanoTime) + alter(ag) + " FAILOVER", joinTimeout);
    }

    public synchronized void forceFailoverAllowDataLoss(String ag, long deadlineNanoTime) throws SQLException, IOException {
        execute(guardedByDeadline(deadlineNanoTime) + alter(ag) + " FORCE_FAILOVER_ALLOW_DATA_LOSS", joinTimeout);
    }

    public synchronized void offline(String ag) throws SQLException, IOException {
        execute(alter(ag) + " OFFLINE", queryTimeout);
    }

    /** Attaches a RESOLVING replica to the primary; 41104 (already a secondary) counts as done. */
    public synchronized void setRoleSecondary(String ag) throws SQLException, IOException {
        try {
            execute(alter(ag) + " SET (ROLE = SECONDARY)", queryTimeout);
        } catch (SQLException e) {
            if (e.getErrorCode() != ROLE_CHANGE_FAILED) {
                throw e;
            }
        }
    }

    /**
     * Renews the write lease unless {@code deadlineNanoTime} (a {@link System#nanoTime()} reading) has passed by the
     * time SQL Server runs the batch: the deadline travels as SQL Server's own UTC time, which it shares with this
     * process (same kernel clock), and SQL Server checks it in the same batch (contract §6). A late batch fails with
     * {@link #RENEWAL_DEADLINE_PASSED} and renews nothing.
     */
    public synchronized void renewWriteLease(String ag, int seconds, long deadlineNanoTime) throws SQLException, IOException {
        execute(guardedByDeadline(deadlineNanoTime) + alter(ag) + " SET (WRITE_LEASE_VALIDITY = " + seconds + ")",
                queryTimeout);
    }

    /** {@code IF SYSUTCDATETIME() > <deadline> THROW …;} with the deadline read off this host's clock now. */
    static String guardedByDeadline(long deadlineNanoTime) {
        Instant deadline = Instant.now().plusNanos(deadlineNanoTime - System.nanoTime()).truncatedTo(ChronoUnit.MICROS);
        String utc = LocalDateTime.ofInstant(deadline, ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        return "IF SYSUTCDATETIME() > CAST(" + SqlQuote.unicodeLiteral(utc) + " AS DATETIME2) THROW "
                + RENEWAL_DEADLINE_PASSED + ", " + SqlQuote.unicodeLiteral("renewal deadline " + utc + " UTC passed")
                + ", 1; ";
    }

    public synchronized void setRequiredSynchronizedSecondaries(String ag, int count) throws SQLException, IOException {
        execute(alter(ag) + " SET (REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT = " + count + ")", queryTimeout);
    }

    /**
     * A write-lease renewal that changed nothing but left a valid lease: 47119, the current lease already runs
     * longer (as Microsoft's Pacemaker agent treats it).
     */
    public static boolean isLeaseAlreadyLonger(SQLException failure) {
        return failure.getErrorCode() == WRITE_LEASE_EARLIER;
    }

    /** 47116: the group takes no external lease updates here (created without WRITE_LEASE_VALIDITY, or a secondary). */
    public static boolean isLeaseNotEnabled(SQLException failure) {
        return failure.getErrorCode() == WRITE_LEASE_NOT_ENABLED;
    }

    public static boolean isPromotionRefused(SQLException failure) {
        return failure.getErrorCode() == PROMOTION_REFUSED;
    }

    /** Not synchronized: closing the socket is what ends a statement blocked on a hung instance. */
    @Override
    public void close() {
        drop();
        networkTimeouts.shutdownNow();
    }

    // ---- plumbing ----

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private void execute(String sql, Duration timeout) throws SQLException, IOException {
        guarded(c -> {
            run(c, sql, timeout);
            return null;
        });
    }

    /** One statement within {@code timeout}, its results walked to the end; the connection's usual timeout after. */
    private void run(Connection c, String sql, Duration timeout) throws SQLException {
        c.setNetworkTimeout(networkTimeouts, (int) timeout.plusSeconds(2).toMillis());
        try (Statement statement = c.createStatement()) {
            statement.setQueryTimeout(seconds(timeout));
            boolean isResultSet = statement.execute(sql);
            while (isResultSet || statement.getUpdateCount() != -1) {
                isResultSet = statement.getMoreResults();
            }
        } finally {
            c.setNetworkTimeout(networkTimeouts, (int) queryTimeout.plusSeconds(2).toMillis());
        }
    }

    /** Runs on the open connection; a failure that may have broken the session drops it. */
    private <T> T guarded(Work<T> work) throws SQLException, IOException {
        Connection c = connection();
        try {
            return work.run(c);
        } catch (SQLException e) {
            if (SqlFailure.of(e) != SqlFailure.OTHER || c.isClosed()) {
                drop();
            }
            throw e;
        }
    }

    private Connection connection() throws SQLException, IOException {
        if (connection != null) {
            return connection;
        }
        Connection fresh = connector.connect(loginFiles.read());
        try {
            fresh.setNetworkTimeout(networkTimeouts, (int) queryTimeout.plusSeconds(2).toMillis());
            try (Statement s = fresh.createStatement()) {
                s.setQueryTimeout(seconds(queryTimeout));
                s.execute("EXEC sp_set_session_context @key = N'external_cluster', @value = N'yes'");
            }
        } catch (SQLException e) {
            fresh.close();
            throw e;
        }
        connection = fresh;
        return fresh;
    }

    private void drop() {
        Connection current = connection;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // the connection is being thrown away
            }
            connection = null;
        }
    }

    private PreparedStatement prepare(Connection c, String sql, String parameter) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.setQueryTimeout(seconds(queryTimeout));
        s.setString(1, parameter);
        return s;
    }

    private static int seconds(Duration d) {
        return (int) Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static String alter(String ag) {
        return "ALTER AVAILABILITY GROUP " + SqlQuote.identifier(ag);
    }

    /** {@code N'server' WITH (…)}: configuration-only replicas carry no databases, hence no seeding or reads. */
    private static String replicaSpec(ReplicaDefinition replica) {
        String spec = SqlQuote.unicodeLiteral(replica.serverName()) + " WITH (ENDPOINT_URL = "
                + SqlQuote.unicodeLiteral(replica.endpointUrl()) + ", AVAILABILITY_MODE = " + keyword(replica.mode())
                + ", FAILOVER_MODE = EXTERNAL";
        return spec + (replica.mode() == AvailabilityMode.CONFIGURATION_ONLY ? ")"
                : ", SEEDING_MODE = AUTOMATIC, SECONDARY_ROLE (ALLOW_CONNECTIONS = ALL))");
    }

    private static String keyword(AvailabilityMode mode) {
        return mode.name();
    }

    private static ReplicaRole role(String desc) {
        return parse(desc, ReplicaRole::valueOf, ReplicaRole.UNKNOWN);
    }

    private static AvailabilityMode mode(String desc) {
        return parse(desc, AvailabilityMode::valueOf, AvailabilityMode.ASYNCHRONOUS_COMMIT);
    }

    /** "NOT SYNCHRONIZING" and "NOT_SYNCHRONIZING" alike; anything unknown is not synchronized. */
    private static SynchronizationState synchronization(String desc) {
        return parse(desc, SynchronizationState::valueOf, SynchronizationState.NOT_SYNCHRONIZING);
    }

    private static <T> T parse(String desc, Function<String, T> valueOf, T fallback) {
        if (desc == null) {
            return fallback;
        }
        try {
            return valueOf.apply(desc.trim().toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException unknown) {
            return fallback;
        }
    }
}
