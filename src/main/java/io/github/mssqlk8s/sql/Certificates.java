package io.github.mssqlk8s.sql;

import static io.github.mssqlk8s.sql.SqlQuote.binaryLiteral;
import static io.github.mssqlk8s.sql.SqlQuote.identifier;
import static io.github.mssqlk8s.sql.SqlQuote.unicodeLiteral;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Certificates in master: find, create, export ({@code CERTENCODED}/{@code CERTPRIVATEKEY}), import, drop. */
public final class Certificates {

    /** A certificate as {@code sys.certificates} shows it. */
    public record Installed(String name, int id, byte[] thumbprint, boolean hasPrivateKey) {

        public String thumbprintHex() {
            return HexFormat.of().formatHex(thumbprint);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Installed that && name.equals(that.name) && id == that.id
                    && Arrays.equals(thumbprint, that.thumbprint) && hasPrivateKey == that.hasPrivateKey;
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(thumbprint);
        }

        @Override
        public String toString() {
            return "Certificate[" + name + ", thumbprint " + thumbprintHex() + "]";
        }
    }

    /** The public certificate and its private key encrypted with a password (kept elsewhere). */
    public record Exported(byte[] certificate, byte[] privateKey) {
        @Override
        public String toString() {
            return "Exported[" + certificate.length + " + " + privateKey.length + " bytes]";
        }
    }

    private static final String SELECT = "SELECT name, certificate_id, thumbprint, pvt_key_encryption_type FROM sys.certificates";
    private final SqlSession session;

    public Certificates(SqlSession session) {
        this.session = session;
    }

    public Optional<Installed> find(String name) throws SQLException {
        return session.queryOne(SELECT + " WHERE name = ?", Certificates::installed, name);
    }

    public List<Installed> all() throws SQLException {
        return session.query(SELECT + " ORDER BY name", Certificates::installed);
    }

    private static Installed installed(java.sql.ResultSet row) throws SQLException {
        return new Installed(row.getString(1), row.getInt(2), row.getBytes(3), !"NA".equals(row.getString(4)));
    }

    /** The public part ({@code CERTENCODED}) of an installed certificate: equal bytes mean the same certificate. */
    public Optional<byte[]> encoded(String name) throws SQLException {
        return session.queryOne("SELECT CERTENCODED(CERT_ID(?))", row -> row.getBytes(1), name);
    }

    public void create(String name, String subject) throws SQLException {
        session.execute("CREATE CERTIFICATE " + identifier(name) + " WITH SUBJECT = " + unicodeLiteral(subject));
    }

    /** Reads the certificate and its private key; the key password travels as a parameter, not in the text. */
    public Exported export(String name, String privateKeyPassword) throws SQLException {
        return session.queryOne("SELECT CERTENCODED(CERT_ID(?)), CERTPRIVATEKEY(CERT_ID(?), ?)",
                        row -> new Exported(row.getBytes(1), row.getBytes(2)), name, name, privateKeyPassword)
                .filter(exported -> exported.certificate() != null && exported.privateKey() != null)
                .orElseThrow(() -> new SQLException("the certificate " + name + " or its private key cannot be read"));
    }

    public void importWithPrivateKey(String name, Exported exported, String privateKeyPassword) throws SQLException {
        session.execute("CREATE CERTIFICATE " + identifier(name) + " FROM BINARY = " + binaryLiteral(exported.certificate())
                + " WITH PRIVATE KEY (BINARY = " + binaryLiteral(exported.privateKey())
                + ", DECRYPTION BY PASSWORD = " + unicodeLiteral(privateKeyPassword) + ")");
    }

    public void drop(String name) throws SQLException {
        session.execute("DROP CERTIFICATE " + identifier(name));
    }
}
