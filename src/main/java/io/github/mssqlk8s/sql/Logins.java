package io.github.mssqlk8s.sql;

import static io.github.mssqlk8s.sql.SqlQuote.identifier;
import static io.github.mssqlk8s.sql.SqlQuote.unicodeLiteral;

import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** SQL logins and their server-level and endpoint permissions: one read per check, one statement per change. */
public final class Logins {

    private static final String ENDPOINT_CLASS = "ENDPOINT";
    private final SqlSession session;

    public Logins(SqlSession session) {
        this.session = session;
    }

    public boolean exists(String login) throws SQLException {
        return session.queryOne("SELECT principal_id FROM sys.server_principals WHERE name = ?",
                row -> row.getInt(1), login).isPresent();
    }

    public void create(String login, String password) throws SQLException {
        session.execute("CREATE LOGIN " + identifier(login) + " WITH PASSWORD = " + unicodeLiteral(password));
    }

    public void changePassword(String login, String password) throws SQLException {
        session.execute("ALTER LOGIN " + identifier(login) + " WITH PASSWORD = " + unicodeLiteral(password));
    }

    /** The server-level permissions of {@code wanted} the login does not hold yet. */
    public Set<String> missingServerPermissions(String login, Collection<String> wanted) throws SQLException {
        List<String> held = session.query("SELECT p.permission_name FROM sys.server_permissions p"
                + " INNER JOIN sys.server_principals l ON p.grantee_principal_id = l.principal_id"
                + " WHERE l.name = ? AND p.class_desc = N'SERVER' AND p.state_desc = N'GRANT'",
                row -> row.getString(1), login);
        Set<String> missing = new LinkedHashSet<>(wanted);
        held.forEach(permission -> missing.removeIf(permission::equalsIgnoreCase));
        return missing;
    }

    public void grantOnServer(Collection<String> permissions, String login) throws SQLException {
        session.execute("GRANT " + String.join(", ", permissions.stream().map(Logins::permission).toList())
                + " TO " + identifier(login));
    }

    public boolean holdsOnEndpoint(String login, String permission, String endpoint) throws SQLException {
        return session.queryOne("SELECT p.permission_name FROM sys.server_permissions p"
                + " INNER JOIN sys.server_principals l ON p.grantee_principal_id = l.principal_id"
                + " INNER JOIN sys.endpoints e ON p.major_id = e.endpoint_id"
                + " WHERE l.name = ? AND e.name = ? AND p.class_desc = N'" + ENDPOINT_CLASS + "'"
                + " AND p.permission_name = ? AND p.state_desc = N'GRANT'",
                row -> row.getString(1), login, endpoint, permission).isPresent();
    }

    public void grantOnEndpoint(String permission, String endpoint, String login) throws SQLException {
        session.execute("GRANT " + permission(permission) + " ON ENDPOINT::" + identifier(endpoint) + " TO " + identifier(login));
    }

    /** Permission names are keywords, not identifiers: only letters and single spaces pass. */
    private static String permission(String name) {
        if (!name.matches("[A-Z]+( [A-Z]+)*")) {
            throw new IllegalArgumentException("not a permission name: " + name);
        }
        return name;
    }
}
