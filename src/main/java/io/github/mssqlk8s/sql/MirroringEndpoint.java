package io.github.mssqlk8s.sql;

import static io.github.mssqlk8s.sql.SqlQuote.identifier;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The database mirroring endpoint (at most one per instance): started, TCP on a port, role ALL, certificate
 * authentication, encryption required with AES.
 */
public final class MirroringEndpoint {

    /** The endpoint as the catalog shows it; {@code certificate} is the name of the certificate it authenticates with. */
    public record Installed(String name, String state, int port, String role, String encryptionAlgorithm,
            String certificate) {

        /** Whether it is the desired endpoint, so nothing needs to change. */
        public boolean matches(String wantedName, int wantedPort, String wantedCertificate) {
            return name.equalsIgnoreCase(wantedName) && "STARTED".equalsIgnoreCase(state) && port == wantedPort
                    && "ALL".equalsIgnoreCase(role) && "AES".equalsIgnoreCase(encryptionAlgorithm)
                    && wantedCertificate.equalsIgnoreCase(certificate);
        }
    }

    private final SqlSession session;

    public MirroringEndpoint(SqlSession session) {
        this.session = session;
    }

    public Optional<Installed> find() throws SQLException {
        return session.queryOne("SELECT e.name, e.state_desc, t.port, e.role_desc, e.encryption_algorithm_desc, c.name"
                + " FROM sys.database_mirroring_endpoints e"
                + " INNER JOIN sys.tcp_endpoints t ON e.endpoint_id = t.endpoint_id"
                + " INNER JOIN sys.certificates c ON e.certificate_id = c.certificate_id",
                row -> new Installed(row.getString(1), row.getString(2), row.getInt(3), row.getString(4),
                        row.getString(5), row.getString(6)));
    }

    public void create(String name, int port, String certificate) throws SQLException {
        session.execute("CREATE ENDPOINT " + identifier(name) + " STATE = STARTED AS TCP (LISTENER_PORT = " + port + ")"
                + " FOR DATABASE_MIRRORING (ROLE = ALL, AUTHENTICATION = CERTIFICATE " + identifier(certificate)
                + ", ENCRYPTION = REQUIRED ALGORITHM AES)");
    }

    /** Brings an existing endpoint to the desired settings (also how rotation switches its certificate). */
    public void alter(String name, int port, String certificate) throws SQLException {
        session.execute("ALTER ENDPOINT " + identifier(name) + " STATE = STARTED AS TCP (LISTENER_PORT = " + port + ")"
                + " FOR DATABASE_MIRRORING (ROLE = ALL, AUTHENTICATION = CERTIFICATE " + identifier(certificate)
                + ", ENCRYPTION = REQUIRED ALGORITHM AES)");
    }
}
