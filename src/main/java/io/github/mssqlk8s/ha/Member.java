package io.github.mssqlk8s.ha;

import java.util.Objects;

/** A SqlServer resource that lists the AG, with the availability mode it asks for: the desired membership. */
public record Member(ReplicaId id, AvailabilityMode mode) {

    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
    }

    public String name() {
        return id.name();
    }
}
