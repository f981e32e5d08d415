package io.github.mssqlk8s.ha;

import java.util.Locale;
import java.util.Objects;

/**
 * One change of the AG's replicas, run on the primary ({@code ADD / REMOVE / MODIFY REPLICA ON}).
 *
 * @param kind              what to do
 * @param replicaServerName the replica, by its {@code replica_server_name}
 * @param mode              the availability mode to set (ADD, MODIFY), null for REMOVE
 * @param id                the replica's names (ADD needs the endpoint host), null for REMOVE
 */
public record MembershipChange(Kind kind, String replicaServerName, AvailabilityMode mode, ReplicaId id) {

    public enum Kind { ADD, REMOVE, MODIFY }

    public MembershipChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(replicaServerName, "replicaServerName");
    }

    public static MembershipChange add(Member member) {
        return new MembershipChange(Kind.ADD, member.id().replicaServerName(), member.mode(), member.id());
    }

    public static MembershipChange remove(String replicaServerName) {
        return new MembershipChange(Kind.REMOVE, replicaServerName, null, null);
    }

    public static MembershipChange modify(Member member) {
        return new MembershipChange(Kind.MODIFY, member.id().replicaServerName(), member.mode(), member.id());
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + replicaServerName
                + (mode == null ? "" : " as " + mode.phrase());
    }
}
