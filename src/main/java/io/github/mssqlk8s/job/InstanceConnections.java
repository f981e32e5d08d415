package io.github.mssqlk8s.job;

import io.github.mssqlk8s.sql.SqlConnector;

/**
 * How to reach a SqlServer's instance by its resource name: in a cluster its pod's DNS name on port 1433; in
 * tests a simulated instance's port.
 */
@FunctionalInterface
public interface InstanceConnections {

    SqlConnector connector(String sqlServerName);
}
