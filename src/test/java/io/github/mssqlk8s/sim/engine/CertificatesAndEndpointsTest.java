package io.github.mssqlk8s.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CertificatesAndEndpointsTest {

    private final AgFixture f = new AgFixture(2);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void masterKeyIsCreatedOnceAndRegenerated() {
        SqlClient c = f.client(0);
        c.exec("CREATE MASTER KEY ENCRYPTION BY PASSWORD = N'Mk-1'");
        assertThat(c.error("CREATE MASTER KEY ENCRYPTION BY PASSWORD = N'Mk-1'").number()).isEqualTo(15578);
        c.exec("ALTER MASTER KEY REGENERATE WITH ENCRYPTION BY PASSWORD = N'Mk-2'");
        assertThat(c.scalar("SELECT name FROM sys.symmetric_keys")).isEqualTo("##MS_DatabaseMasterKey##");
    }

    @Test
    void certificateNeedsMasterKeyAndWrongImportPasswordFails() {
        SqlClient c0 = f.client(0);
        assertThat(c0.error("CREATE CERTIFICATE c WITH SUBJECT = 's'").number()).isEqualTo(15581);
        c0.exec("CREATE MASTER KEY ENCRYPTION BY PASSWORD = N'Mk'; CREATE CERTIFICATE c WITH SUBJECT = 's'");
        assertThat(c0.error("CREATE CERTIFICATE c WITH SUBJECT = 's'").number()).isEqualTo(15232);
        var row = c0.query("SELECT name, certificate_id, thumbprint, expiry_date FROM sys.certificates").get(0);
        assertThat(row.get("certificate_id")).isEqualTo(c0.scalar("SELECT CERT_ID('c')"));
        byte[] pub = (byte[]) c0.scalar("SELECT CERTENCODED(CERT_ID('c'))");
        byte[] key = (byte[]) c0.scalar("SELECT CERTPRIVATEKEY(CERT_ID('c'), N'right')");
        SqlClient c1 = f.client(1);
        c1.exec("CREATE MASTER KEY ENCRYPTION BY PASSWORD = N'Mk'");
        assertThat(c1.error("CREATE CERTIFICATE c FROM BINARY = " + AgFixture.hex(pub) + " WITH PRIVATE KEY (BINARY = "
                + AgFixture.hex(key) + ", DECRYPTION BY PASSWORD = N'wrong')").number()).isEqualTo(15466);
        c1.exec("CREATE CERTIFICATE c FROM BINARY = " + AgFixture.hex(pub) + " WITH PRIVATE KEY (BINARY = "
                + AgFixture.hex(key) + ", DECRYPTION BY PASSWORD = N'right')");
        assertThat(c1.query("SELECT thumbprint FROM sys.certificates").get(0).get("thumbprint"))
                .isEqualTo(row.get("thumbprint"));
        c1.exec("DROP CERTIFICATE c");
        assertThat(c1.error("DROP CERTIFICATE c").number()).isEqualTo(15151);
    }

    @Test
    void endpointsConnectOnlyWithMutuallyTrustedCertificates() {
        f.withEndpoints();
        assertThat(f.network.endpointsConnect("sql-0", "sql-1")).isTrue();
        var ep = f.client(0).query("SELECT e.name, e.state_desc, e.role_desc, e.connection_auth_desc,"
                + " e.encryption_algorithm_desc, t.port FROM sys.database_mirroring_endpoints e"
                + " INNER JOIN sys.tcp_endpoints t ON e.endpoint_id = t.endpoint_id").get(0);
        assertThat(ep).containsEntry("name", "hadr_endpoint").containsEntry("state_desc", "STARTED")
                .containsEntry("role_desc", "ALL").containsEntry("encryption_algorithm_desc", "AES").containsEntry("port", 5022);
        assertThat(f.client(0).error("CREATE ENDPOINT [e2] STATE = STARTED AS TCP (LISTENER_PORT = 5023)"
                + " FOR DATABASE_MIRRORING (ROLE = ALL, AUTHENTICATION = CERTIFICATE dbm_cert)").number()).isEqualTo(7862);

        // A botched rotation: sql-0 switches to a certificate sql-1 never imported.
        f.client(0).exec("CREATE CERTIFICATE dbm_cert2 WITH SUBJECT = 'dbm2'");
        f.client(0).exec("ALTER ENDPOINT [hadr_endpoint] FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE dbm_cert2)");
        assertThat(f.network.endpointsConnect("sql-0", "sql-1")).isFalse();

        byte[] pub = (byte[]) f.client(0).scalar("SELECT CERTENCODED(CERT_ID('dbm_cert2'))");
        f.client(1).exec("CREATE CERTIFICATE dbm_cert2 FROM BINARY = " + AgFixture.hex(pub));
        assertThat(f.network.endpointsConnect("sql-0", "sql-1")).isTrue();

        f.client(1).exec("DROP ENDPOINT [hadr_endpoint]");
        assertThat(f.network.endpointsConnect("sql-0", "sql-1")).isFalse();
        assertThat(f.client(1).query("SELECT * FROM sys.endpoints")).isEmpty();
    }
}
