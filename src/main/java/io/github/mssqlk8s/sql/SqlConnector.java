package io.github.mssqlk8s.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Opens JDBC connections with mssql-jdbc. The password travels in the driver's properties, never in the URL,
 * so it cannot appear in a logged connection string.
 */
public final class SqlConnector {

    private final SqlEndpoint endpoint;
    private final Duration connectTimeout;
    private final String applicationName;
    private final Duration socketTimeout;

    public SqlConnector(SqlEndpoint endpoint, Duration connectTimeout, String applicationName) {
        this(endpoint, connectTimeout, applicationName, null);
    }

    /**
     * With a {@code socketTimeout}: no read on the connection, the login's included, waits longer. A hung instance
     * accepts the connection and never answers its pre-login, which the login timeout alone does not end.
     */
    public SqlConnector(SqlEndpoint endpoint, Duration connectTimeout, String applicationName, Duration socketTimeout) {
        this.endpoint = endpoint;
        this.connectTimeout = connectTimeout;
        this.applicationName = applicationName;
        this.socketTimeout = socketTimeout;
    }

    public Connection connect(SqlLogin login) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", login.name());
        properties.setProperty("password", login.password());
        properties.setProperty("encrypt", endpoint.encrypt());
        properties.setProperty("trustServerCertificate", Boolean.toString(endpoint.trustServerCertificate()));
        properties.setProperty("loginTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        properties.setProperty("applicationName", applicationName);
        properties.setProperty("databaseName", "master");
        if (socketTimeout != null) {
            properties.setProperty("socketTimeout", Long.toString(socketTimeout.toMillis()));
        }
        return DriverManager.getConnection("jdbc:sqlserver://" + endpoint.host() + ":" + endpoint.port(), properties);
    }

    public SqlEndpoint endpoint() {
        return endpoint;
    }
}
