package io.github.mssqlk8s.cli;

import io.github.mssqlk8s.config.InstanceConnectionSettings;
import io.github.mssqlk8s.job.InstanceConnections;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.naming.Ports;
import io.github.mssqlk8s.resources.GeneratedSecrets;
import io.github.mssqlk8s.sql.SqlConnector;
import io.github.mssqlk8s.sql.SqlEndpoint;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Supplier;

/** What the Job modes share when they are put together: how instances are reached, how passwords are made. */
final class JobWiring {

    private JobWiring() {
    }

    /** Each SqlServer's instance at its pod's DNS name (the headless Service), on SQL Server's port. */
    static InstanceConnections podDns(String namespace, InstanceConnectionSettings connection, String applicationName) {
        return name -> new SqlConnector(new SqlEndpoint(Names.endpointHost(name, namespace), Ports.SQL,
                connection.sqlEncrypt(), connection.sqlTrustServerCertificate()),
                Duration.ofSeconds(connection.connectionTimeoutSeconds()), applicationName);
    }

    static Supplier<String> passwords() {
        SecureRandom random = new SecureRandom();
        return () -> GeneratedSecrets.newPassword(random);
    }
}
