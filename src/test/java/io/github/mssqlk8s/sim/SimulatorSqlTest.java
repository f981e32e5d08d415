package io.github.mssqlk8s.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.mssqlk8s.sim.engine.SimulatedInstance;
import io.github.mssqlk8s.sim.engine.StatementKind;
import io.github.mssqlk8s.sim.tds.TdsTestCertificate;
import io.github.mssqlk8s.sql.SqlFailure;
import io.github.mssqlk8s.testing.SqlServerSimulator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The simulator as the agents meet it: the engine behind the TDS front end, through the real mssql-jdbc driver.
 * A three-instance availability group is set up exactly as contract §5 writes it.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SimulatorSqlTest {

    private static final String SA = "sa";
    private static final String AG = "ag1";
    private static final String DB = "appdb";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private SqlServerSimulator simulator;
    private final List<Connection> open = new ArrayList<>();

    @BeforeEach
    void startThreeInstances() {
        simulator = new SqlServerSimulator();
        for (int i = 0; i < 3; i++) {
            simulator.start("sql-" + i);
        }
    }

    @AfterEach
    void stop() {
        for (Connection connection : open) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the instance may be down on purpose
            }
        }
        simulator.close();
    }

    private Connection connect(int i, String login, String password, String extra) throws SQLException {
        // queryTimeout: no statement of this suite may hang the build.
        Connection connection = DriverManager.getConnection("jdbc:sqlserver://127.0.0.1:" + simulator.port("sql-" + i)
                + ";encrypt=false;loginTimeout=5;queryTimeout=30;" + extra, login, password);
        open.add(connection);
        return connection;
    }

    private Connection sa(int i) throws SQLException {
        return connect(i, SA, SqlServerSimulator.SA_PASSWORD, "");
    }

    /** Runs a batch and walks every result: mssql-jdbc raises a later statement's error only when it is reached. */
    private static void exec(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            boolean isResultSet = statement.execute(sql);
            while (isResultSet || statement.getUpdateCount() != -1) {
                isResultSet = statement.getMoreResults();
            }
        }
    }

    private static Object scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getObject(1) : null;
        }
    }

    private static void asExternalCluster(Connection connection, String statement) throws SQLException {
        exec(connection, "EXEC sp_set_session_context @key = N'external_cluster', @value = N'yes'; " + statement);
    }

    /** Contract §5, as init-sql and the agents will run it: certificate, endpoints, AG with a database, joins. */
    private void createAvailabilityGroup(String options) throws SQLException {
        Connection primary = sa(0);
        exec(primary, "CREATE MASTER KEY ENCRYPTION BY PASSWORD = N'Mk-Passw0rd!'; CREATE CERTIFICATE dbm_cert WITH SUBJECT = 'dbm'");
        byte[] certificate = (byte[]) scalar(primary, "SELECT CERTENCODED(CERT_ID('dbm_cert'))");
        byte[] privateKey = (byte[]) scalar(primary, "SELECT CERTPRIVATEKEY(CERT_ID('dbm_cert'), N'Pk-Passw0rd!')");
        for (int i = 0; i < 3; i++) {
            Connection sa = sa(i);
            if (i > 0) {
                exec(sa, "CREATE MASTER KEY ENCRYPTION BY PASSWORD = N'Mk-Passw0rd!'; CREATE CERTIFICATE dbm_cert FROM BINARY = 0x"
                        + HexFormat.of().formatHex(certificate) + " WITH PRIVATE KEY (BINARY = 0x" + HexFormat.of().formatHex(privateKey)
                        + ", DECRYPTION BY PASSWORD = N'Pk-Passw0rd!')");
            }
            exec(sa, "CREATE ENDPOINT [hadr_endpoint] STATE = STARTED AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING"
                    + " (ROLE = ALL, AUTHENTICATION = CERTIFICATE dbm_cert, ENCRYPTION = REQUIRED ALGORITHM AES);"
                    + " CREATE LOGIN [dbm_login] WITH PASSWORD = N'Dbm-Passw0rd!'; GRANT CONNECT ON ENDPOINT::[hadr_endpoint] TO [dbm_login]");
        }
        exec(primary, "CREATE DATABASE [" + DB + "]; ALTER DATABASE [" + DB + "] SET RECOVERY FULL; BACKUP DATABASE [" + DB + "] TO DISK = N'NUL'");
        exec(primary, "USE [" + DB + "]; CREATE TABLE writes (id INT PRIMARY KEY, v NVARCHAR(100))");
        StringBuilder replicas = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            replicas.append(i == 0 ? "" : ", ").append("N'sql-").append(i).append("' WITH (ENDPOINT_URL = N'TCP://sql-").append(i)
                    .append(".sql-hadr.ns.svc:5022', AVAILABILITY_MODE = SYNCHRONOUS_COMMIT, FAILOVER_MODE = EXTERNAL,"
                            + " SEEDING_MODE = AUTOMATIC, SECONDARY_ROLE (ALLOW_CONNECTIONS = ALL))");
        }
        exec(primary, "CREATE AVAILABILITY GROUP [" + AG + "] WITH (CLUSTER_TYPE = EXTERNAL, DB_FAILOVER = ON"
                + (options.isEmpty() ? "" : ", " + options) + ") FOR DATABASE [" + DB + "] REPLICA ON " + replicas);
        for (int i = 1; i < 3; i++) {
            exec(sa(i), "ALTER AVAILABILITY GROUP [" + AG + "] JOIN WITH (CLUSTER_TYPE = EXTERNAL);"
                    + " ALTER AVAILABILITY GROUP [" + AG + "] GRANT CREATE ANY DATABASE");
        }
        for (int i = 1; i < 3; i++) {
            awaitLocalSynchronization(i, "SYNCHRONIZED");
        }
    }

    private void awaitLocalSynchronization(int i, String state) {
        await().atMost(PATIENCE).until(() -> state.equals(scalar(sa(i),
                "SELECT synchronization_state_desc FROM sys.dm_hadr_database_replica_states WHERE is_local = 1")));
    }

    private String role(int i) throws SQLException {
        return (String) scalar(sa(i), "SELECT role_desc FROM sys.dm_hadr_availability_replica_states WHERE is_local = 1");
    }

    private void insert(Connection connection, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + DB + ".dbo.writes (id, v) VALUES (?, ?)")) {
            statement.setInt(1, id);
            statement.setString(2, "write " + id);
            statement.executeUpdate();
        }
    }

    // ---- protocol and server identity ----

    @Test
    void aBadPasswordOrUnknownLoginIs18456() {
        assertThatThrownBy(() -> connect(0, SA, "wrong", "")).isInstanceOfSatisfying(SQLException.class,
                failure -> assertThat(SqlFailure.of(failure)).isEqualTo(SqlFailure.LOGIN_FAILED));
        assertThatThrownBy(() -> connect(0, "nobody", "x", "")).isInstanceOfSatisfying(SQLException.class,
                failure -> assertThat(failure.getErrorCode()).isEqualTo(18456));
    }

    @Test
    void encryptedConnectionsUseTheTestCertificate() throws SQLException {
        Connection encrypted = DriverManager.getConnection("jdbc:sqlserver://localhost:" + simulator.port("sql-0") + ";"
                + TdsTestCertificate.jdbcProperties(), SA, SqlServerSimulator.SA_PASSWORD);
        open.add(encrypted);

        assertThat(scalar(encrypted, "SELECT @@SERVERNAME")).isEqualTo("sql-0");
    }

    @Test
    void identityAndHadrAreVisible() throws SQLException {
        Connection sa = sa(1);
        assertThat(scalar(sa, "SELECT @@SERVERNAME")).isEqualTo("sql-1");
        assertThat(((Number) scalar(sa, "SELECT SERVERPROPERTY('IsHadrEnabled')")).intValue()).isEqualTo(1);
    }

    @Test
    void aLoginWithoutViewServerStateCannotReadTheDmvs() throws SQLException {
        exec(sa(0), "CREATE LOGIN [weak] WITH PASSWORD = N'Weak-Passw0rd-1'");
        Connection weak = connect(0, "weak", "Weak-Passw0rd-1", "");

        assertThatThrownBy(() -> scalar(weak, "SELECT COUNT(*) FROM sys.dm_hadr_availability_replica_states"))
                .isInstanceOfSatisfying(SQLException.class, failure -> assertThat(failure.getErrorCode()).isEqualTo(300));
        exec(sa(0), "GRANT VIEW SERVER STATE TO [weak]");
        assertThat(scalar(weak, "SELECT COUNT(*) FROM sys.dm_hadr_availability_replica_states")).isNotNull();
    }

    @Test
    void unknownStatementsFailNamingThemAndNothingSilentlySucceeds() throws SQLException {
        assertThatThrownBy(() -> exec(sa(0), "FROBNICATE THE DATABASE")).isInstanceOfSatisfying(SQLException.class,
                failure -> assertThat(failure.getErrorCode()).isEqualTo(102));
    }

    @Test
    void diagnosticsStreamUntilCancelled() throws Exception {
        Connection sa = sa(0);
        Statement statement = sa.createStatement();
        CompletableFuture<Integer> results = CompletableFuture.supplyAsync(() -> {
            int count = 0;
            try {
                boolean isResultSet = statement.execute("EXEC sp_server_diagnostics @repeat_interval = 5");
                while (count < 3) {
                    if (isResultSet) {
                        try (ResultSet rows = statement.getResultSet()) {
                            while (rows.next()) {
                                assertThat(rows.getString("component_name")).isNotBlank();
                            }
                        }
                        count++;
                    }
                    isResultSet = statement.getMoreResults();
                }
                statement.cancel();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return count;
        });
        assertThat(results.get(30, TimeUnit.SECONDS)).isEqualTo(3);
        statement.close();
        assertThat(scalar(sa(0), "SELECT 1")).isEqualTo(1);
    }

    // ---- availability group rules (contract §5–§6) ----

    @Test
    void seedingReachesJoinedSecondariesAndTheyServeReads() throws SQLException {
        createAvailabilityGroup("");
        for (int id = 1; id <= 10; id++) {
            insert(sa(0), id);
        }
        for (int i = 1; i < 3; i++) {
            int secondary = i;
            await().atMost(PATIENCE).until(() -> ((Number) scalar(sa(secondary), "SELECT COUNT(*) FROM " + DB + ".dbo.writes")).intValue() == 10);
        }
        assertThatThrownBy(() -> insert(sa(1), 99)).isInstanceOfSatisfying(SQLException.class,
                failure -> assertThat(failure.getErrorCode()).isEqualTo(3906));
    }

    @Test
    void noCommitIsAcknowledgedWithoutTheRequiredSynchronizedCopies() throws SQLException {
        createAvailabilityGroup("");
        asExternalCluster(sa(0), "ALTER AVAILABILITY GROUP [" + AG + "] SET (REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT = 1)");
        simulator.network().link("sql-0", "sql-1").cut();
        simulator.network().link("sql-0", "sql-2").cut();

        Connection writer = sa(0);
        assertThatThrownBy(() -> {
            try (PreparedStatement statement = writer.prepareStatement("INSERT INTO " + DB + ".dbo.writes (id, v) VALUES (?, ?)")) {
                statement.setQueryTimeout(2);
                statement.setInt(1, 1);
                statement.setString(2, "unacknowledged");
                statement.executeUpdate();
            }
        }).isInstanceOf(SQLTimeoutException.class);

        simulator.network().link("sql-0", "sql-1").restore();
        insert(sa(0), 2);
        assertThat(((Number) scalar(sa(1), "SELECT COUNT(*) FROM " + DB + ".dbo.writes WHERE id = 2")).intValue()).isEqualTo(1);
    }

    @Test
    void failoverNeedsTheExternalClusterContextAndASynchronizedTarget() throws SQLException {
        createAvailabilityGroup("");
        assertThatThrownBy(() -> exec(sa(1), "ALTER AVAILABILITY GROUP [" + AG + "] FAILOVER"))
                .isInstanceOfSatisfying(SQLException.class, failure -> assertThat(failure.getErrorCode()).isEqualTo(47104));

        // Connected but behind (a cut link would freeze its last "ready" state, as SQL Server does).
        simulator.network().link("sql-0", "sql-1").delay(Duration.ofHours(1));
        insert(sa(0), 1);
        awaitLocalSynchronization(1, "SYNCHRONIZING");

        assertThatThrownBy(() -> asExternalCluster(sa(1), "ALTER AVAILABILITY GROUP [" + AG + "] FAILOVER"))
                .isInstanceOfSatisfying(SQLException.class, failure -> assertThat(failure.getErrorCode()).isEqualTo(41142));
        assertThat(role(1)).isEqualTo("SECONDARY");

        asExternalCluster(sa(2), "ALTER AVAILABILITY GROUP [" + AG + "] FAILOVER");
        assertThat(role(2)).isEqualTo("PRIMARY");
    }

    @Test
    void theSequenceNumberGrowsWithEachConfigurationChange() throws SQLException {
        createAvailabilityGroup("");
        long before = ((Number) scalar(sa(0), "SELECT sequence_number FROM sys.availability_groups WHERE name = N'" + AG + "'")).longValue();

        asExternalCluster(sa(0), "ALTER AVAILABILITY GROUP [" + AG + "] SET (REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT = 1)");

        assertThat(((Number) scalar(sa(0), "SELECT sequence_number FROM sys.availability_groups WHERE name = N'" + AG + "'")).longValue())
                .isGreaterThan(before);
    }

    @Test
    void noWriteIsAcceptedOnceTheWriteLeaseRanOut() throws SQLException {
        createAvailabilityGroup("WRITE_LEASE_VALIDITY = 20");
        asExternalCluster(sa(0), "ALTER AVAILABILITY GROUP [" + AG + "] SET (WRITE_LEASE_VALIDITY = 20)");
        insert(sa(0), 1);

        // Nobody renews: SQL Server itself stops the writes when the lease expires. Each try writes a new id.
        AtomicInteger nextId = new AtomicInteger(2);
        AtomicInteger refusedId = new AtomicInteger();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            int id = nextId.getAndIncrement();
            refusedId.set(id);
            assertThatThrownBy(() -> insert(sa(0), id)).isInstanceOf(SQLException.class);
        });
        assertThat(((Number) scalar(sa(1), "SELECT COUNT(*) FROM " + DB + ".dbo.writes WHERE id = " + refusedId.get())).intValue())
                .as("the refused write reached no secondary").isZero();
    }

    @Test
    void aFormerPrimaryReturnsResolvingAndIsSetToSecondary() throws SQLException {
        createAvailabilityGroup("");
        SimulatedInstance oldPrimary = simulator.instance("sql-0");
        oldPrimary.crash();
        asExternalCluster(sa(1), "ALTER AVAILABILITY GROUP [" + AG + "] FORCE_FAILOVER_ALLOW_DATA_LOSS");
        assertThat(role(1)).isEqualTo("PRIMARY");

        oldPrimary.start();

        await().atMost(PATIENCE).until(() -> "RESOLVING".equals(role(0)));
        asExternalCluster(sa(0), "ALTER AVAILABILITY GROUP [" + AG + "] SET (ROLE = SECONDARY)");
        await().atMost(PATIENCE).until(() -> "SECONDARY".equals(role(0)));
    }

    // ---- faults ----

    @Test
    void aStoppedInstanceRefusesAndAStartedOneAnswersOnTheSamePort() throws SQLException {
        simulator.instance("sql-0").stop();

        // The listener closes within its 50 ms poll; from then on connections are refused.
        await().atMost(PATIENCE).untilAsserted(() -> assertThatThrownBy(() -> sa(0)).isInstanceOfSatisfying(SQLException.class,
                failure -> assertThat(SqlFailure.of(failure)).isEqualTo(SqlFailure.REFUSED)));

        simulator.instance("sql-0").start();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(scalar(sa(0), "SELECT 1")).isEqualTo(1));
    }

    @Test
    void aHungInstanceTimesQueriesOut() throws SQLException {
        // A hung server never acknowledges the cancel either: only the socket timeout ends the wait.
        Connection sa = connect(0, SA, SqlServerSimulator.SA_PASSWORD, "socketTimeout=3000");
        simulator.instance("sql-0").hang();
        try (Statement statement = sa.createStatement()) {
            statement.setQueryTimeout(1);
            assertThatThrownBy(() -> statement.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
        } finally {
            simulator.instance("sql-0").unhang();
        }
    }

    @Test
    void theNextStatementsFailWithTheChosenError() throws SQLException {
        simulator.instance("sql-0").failNextStatements(1, 1205);
        Connection sa = sa(0);

        assertThatThrownBy(() -> scalar(sa, "SELECT 1")).isInstanceOfSatisfying(SQLException.class,
                failure -> assertThat(failure.getErrorCode()).isEqualTo(1205));
        assertThat(scalar(sa, "SELECT 1")).isEqualTo(1);
    }

    @Test
    void theStatementLogTellsDdlFromQueries() throws SQLException {
        int before = simulator.instance("sql-0").statementLog().size();
        exec(sa(0), "CREATE LOGIN [logged] WITH PASSWORD = N'Logged-Passw0rd-1'");
        scalar(sa(0), "SELECT name FROM sys.server_principals WHERE name = N'logged'");

        assertThat(simulator.instance("sql-0").statementLog().since(before))
                .extracting(entry -> entry.kind())
                .contains(StatementKind.DDL, StatementKind.QUERY);
    }
}
