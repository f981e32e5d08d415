package io.github.mssqlk8s.sql;

import static io.github.mssqlk8s.sql.SqlQuote.unicodeLiteral;

import java.sql.SQLException;

/** The database master key in master, which protects the mirroring certificate's private key. */
public final class MasterKey {

    private final SqlSession session;

    public MasterKey(SqlSession session) {
        this.session = session;
    }

    public boolean exists() throws SQLException {
        return session.queryOne("SELECT symmetric_key_id FROM sys.symmetric_keys WHERE name = N'##MS_DatabaseMasterKey##'",
                row -> row.getInt(1)).isPresent();
    }

    public void create(String password) throws SQLException {
        session.execute("CREATE MASTER KEY ENCRYPTION BY PASSWORD = " + unicodeLiteral(password));
    }

    /** Re-encrypts the key (and what it protects) under a new password. */
    public void regenerate(String password) throws SQLException {
        session.execute("ALTER MASTER KEY REGENERATE WITH ENCRYPTION BY PASSWORD = " + unicodeLiteral(password));
    }
}
