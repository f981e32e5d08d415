package io.github.mssqlk8s.ha;

import java.util.Objects;

/** A replica as the AG itself is configured ({@code sys.availability_replicas}), seen on the primary. */
public record ConfiguredReplica(String replicaServerName, AvailabilityMode mode) {

    public ConfiguredReplica {
        Objects.requireNonNull(replicaServerName, "replicaServerName");
        Objects.requireNonNull(mode, "mode");
    }
}
