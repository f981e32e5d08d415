package io.github.mssqlk8s.sim.tds;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Connection helpers shared by the TDS front end tests. */
final class TdsTestSupport {

    private TdsTestSupport() {
    }

    static String url(TdsServer server, String extra) {
        return server.jdbcUrl() + ";user=" + ScriptedInstance.USER + ";password=" + ScriptedInstance.PASSWORD
                + ";loginTimeout=5" + (extra.isEmpty() ? "" : ";" + extra);
    }

    static Connection connect(TdsServer server) throws SQLException {
        return DriverManager.getConnection(url(server, ""));
    }

    static Connection connect(TdsServer server, String extra) throws SQLException {
        return DriverManager.getConnection(url(server, extra));
    }
}
