package io.github.mssqlk8s.sim.engine;

import java.util.UUID;

/** One replica of an availability group's configuration ({@code sys.availability_replicas}). */
final class ReplicaConfig {

    final UUID replicaId;
    final String serverName;
    String endpointUrl;
    String availabilityMode = "SYNCHRONOUS_COMMIT";
    String failoverMode = "EXTERNAL";
    String seedingMode = "AUTOMATIC";
    String secondaryAllowConnections = "NO";
    int sessionTimeoutSeconds = 10;

    ReplicaConfig(UUID replicaId, String serverName) {
        this.replicaId = replicaId;
        this.serverName = serverName;
    }

    ReplicaConfig copy() {
        ReplicaConfig c = new ReplicaConfig(replicaId, serverName);
        c.endpointUrl = endpointUrl;
        c.availabilityMode = availabilityMode;
        c.failoverMode = failoverMode;
        c.seedingMode = seedingMode;
        c.secondaryAllowConnections = secondaryAllowConnections;
        c.sessionTimeoutSeconds = sessionTimeoutSeconds;
        return c;
    }

    boolean isSynchronous() {
        return availabilityMode.equals("SYNCHRONOUS_COMMIT");
    }

    boolean isConfigurationOnly() {
        return availabilityMode.equals("CONFIGURATION_ONLY");
    }

    /** The host of {@code TCP://host:port}. */
    String endpointHost() {
        if (endpointUrl == null) {
            return null;
        }
        String s = endpointUrl.replaceFirst("(?i)^tcp://", "");
        int colon = s.lastIndexOf(':');
        return colon < 0 ? s : s.substring(0, colon);
    }
}
