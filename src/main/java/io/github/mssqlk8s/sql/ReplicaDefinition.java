package io.github.mssqlk8s.sql;

import io.github.mssqlk8s.ha.AvailabilityMode;
import java.util.Objects;

/**
 * One replica in {@code CREATE AVAILABILITY GROUP … REPLICA ON} or {@code ADD REPLICA ON}.
 *
 * @param serverName  {@code replica_server_name} ({@code @@SERVERNAME} of the instance, its pod name)
 * @param endpointUrl {@code TCP://host:5022}
 * @param mode        its availability mode
 */
public record ReplicaDefinition(String serverName, String endpointUrl, AvailabilityMode mode) {

    public ReplicaDefinition {
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(endpointUrl, "endpointUrl");
        Objects.requireNonNull(mode, "mode");
    }
}
