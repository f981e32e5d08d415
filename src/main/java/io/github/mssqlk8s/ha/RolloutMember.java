package io.github.mssqlk8s.ha;

import java.util.Objects;

/**
 * An instance's place in one AG.
 *
 * @param instance the SqlServer resource ({@link RolloutInstance#name()})
 * @param mode     its availability mode in this AG
 * @param role     its role as the agents label it (contract §2); UNKNOWN when unlabelled
 * @param caughtUp its data movement is as healthy as its mode allows: SYNCHRONIZED for synchronous commit,
 *                 SYNCHRONIZING or SYNCHRONIZED for asynchronous commit (which never reports SYNCHRONIZED
 *                 for long), joined and reporting for configuration-only (which holds no databases); true
 *                 for the primary
 */
public record RolloutMember(String instance, AvailabilityMode mode, ReplicaRole role, boolean caughtUp) {

    public RolloutMember {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(role, "role");
    }

    public boolean isPrimary() {
        return role == ReplicaRole.PRIMARY;
    }

    /** Counts towards REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT when up (contract §6). */
    boolean holdsCommits() {
        return role == ReplicaRole.SECONDARY && mode == AvailabilityMode.SYNCHRONOUS_COMMIT && caughtUp;
    }
}
