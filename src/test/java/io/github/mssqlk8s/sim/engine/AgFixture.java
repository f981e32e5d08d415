package io.github.mssqlk8s.sim.engine;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Test fixture: a network of instances {@code sql-0 … sql-n} set up as contract §5 describes (master key, one
 * shared mirroring certificate, endpoint, CONNECT grant), with helpers to create and join an AG.
 */
final class AgFixture implements AutoCloseable {

    static final String SA_PASSWORD = "Sa-Passw0rd!";
    static final String AG = "ag1";
    static final String DB = "appdb";

    final SimNetwork network = new SimNetwork();
    final List<SimulatedInstance> instances = new ArrayList<>();
    final List<SqlClient> sa = new ArrayList<>();

    AgFixture(int count) {
        this(count, i -> options());
    }

    /** With per-instance options (e.g. a controllable clock for one of them). */
    AgFixture(int count, java.util.function.IntFunction<InstanceOptions> options) {
        for (int i = 0; i < count; i++) {
            SimulatedInstance instance = network.createInstance("sql-" + i, options.apply(i));
            instances.add(instance);
            sa.add(SqlClient.connect(instance, "sa", SA_PASSWORD));
        }
    }

    /** Fast diagnostics and a short session timeout, so tests need not wait seconds. */
    static InstanceOptions options() {
        return InstanceOptions.withSaPassword(SA_PASSWORD).diagnosticsSecondsScale(0.01).sessionTimeout(Duration.ofMillis(300));
    }

    SqlClient client(int i) {
        return sa.get(i);
    }

    /** Restarts instance {@code i} (a crash and a start) and gives it a fresh sa session. */
    void restart(int i) {
        instances.get(i).restart();
        sa.set(i, SqlClient.connect(instances.get(i), "sa", SA_PASSWORD));
    }

    /** Master key, certificate (created on 0, imported elsewhere), endpoint and CONNECT grant everywhere. */
    AgFixture withEndpoints() {
        client(0).exec("CREATE MASTER KEY ENCRYPTION BY PASSWORD = N'Mk-Passw0rd!'");
        client(0).exec("CREATE CERTIFICATE dbm_cert WITH SUBJECT = 'dbm'");
        byte[] pub = (byte[]) client(0).scalar("SELECT CERTENCODED(CERT_ID('dbm_cert'))");
        byte[] key = (byte[]) client(0).scalar("SELECT CERTPRIVATEKEY(CERT_ID('dbm_cert'), N'Pk-Passw0rd!')");
        for (int i = 1; i < instances.size(); i++) {
            client(i).exec("CREATE MASTER KEY ENCRYPTION BY PASSWORD = N'Mk-Passw0rd!'");
            client(i).exec("CREATE CERTIFICATE dbm_cert FROM BINARY = " + hex(pub)
                    + " WITH PRIVATE KEY (BINARY = " + hex(key) + ", DECRYPTION BY PASSWORD = N'Pk-Passw0rd!')");
        }
        for (SqlClient c : sa) {
            c.exec("CREATE ENDPOINT [hadr_endpoint] STATE = STARTED AS TCP (LISTENER_PORT = 5022)"
                    + " FOR DATABASE_MIRRORING (ROLE = ALL, AUTHENTICATION = CERTIFICATE dbm_cert,"
                    + " ENCRYPTION = REQUIRED ALGORITHM AES)");
            c.exec("CREATE LOGIN [dbm_login] WITH PASSWORD = N'Dbm-Passw0rd!'");
            c.exec("GRANT CONNECT ON ENDPOINT::[hadr_endpoint] TO [dbm_login]");
        }
        return this;
    }

    static String hex(byte[] b) {
        return "0x" + HexFormat.of().formatHex(b);
    }

    static String replica(int i, String mode) {
        return "N'sql-" + i + "' WITH (ENDPOINT_URL = N'TCP://sql-" + i + ".sql-hl.default.svc:5022',"
                + " AVAILABILITY_MODE = " + mode + ", FAILOVER_MODE = EXTERNAL, SEEDING_MODE = AUTOMATIC,"
                + " SECONDARY_ROLE (ALLOW_CONNECTIONS = ALL))";
    }

    /** An AG with a database on sql-0, all replicas synchronous, secondaries joined; waits until synchronized. */
    AgFixture withAvailabilityGroup(String options) {
        withEndpoints();
        client(0).exec("CREATE DATABASE [" + DB + "]; ALTER DATABASE [" + DB + "] SET RECOVERY FULL;"
                + " BACKUP DATABASE [" + DB + "] TO DISK = N'NUL'");
        client(0).exec("USE [" + DB + "]; CREATE TABLE t (id INT PRIMARY KEY, v NVARCHAR(100))");
        StringBuilder replicas = new StringBuilder();
        for (int i = 0; i < instances.size(); i++) {
            replicas.append(i == 0 ? "" : ", ").append(replica(i, "SYNCHRONOUS_COMMIT"));
        }
        client(0).exec("CREATE AVAILABILITY GROUP [" + AG + "] WITH (CLUSTER_TYPE = EXTERNAL, DB_FAILOVER = ON"
                + (options.isEmpty() ? "" : ", " + options) + ") FOR DATABASE [" + DB + "] REPLICA ON " + replicas);
        for (int i = 1; i < instances.size(); i++) {
            client(i).exec("ALTER AVAILABILITY GROUP [" + AG + "] JOIN WITH (CLUSTER_TYPE = EXTERNAL)");
            client(i).exec("ALTER AVAILABILITY GROUP [" + AG + "] GRANT CREATE ANY DATABASE");
        }
        for (int i = 1; i < instances.size(); i++) {
            awaitLocalSyncState(i, "SYNCHRONIZED");
        }
        return this;
    }

    void awaitLocalSyncState(int i, String state) {
        await().atMost(Duration.ofSeconds(10)).until(() -> state.equals(localSyncState(i)));
    }

    String localSyncState(int i) {
        var rows = client(i).query("SELECT synchronization_state_desc FROM sys.dm_hadr_database_replica_states WHERE is_local = 1");
        return rows.isEmpty() ? null : (String) rows.get(0).get("synchronization_state_desc");
    }

    String role(int i) {
        var rows = client(i).query("SELECT role_desc FROM sys.dm_hadr_availability_replica_states WHERE is_local = 1");
        return rows.isEmpty() ? null : (String) rows.get(0).get("role_desc");
    }

    long sequenceNumber(int i) {
        return (Long) client(i).scalar("SELECT sequence_number FROM sys.availability_groups WHERE name = N'" + AG + "'");
    }

    @Override
    public void close() {
        network.close();
    }
}
