package io.github.mssqlk8s.ha;

/** The SQL role of a replica as its agent last saw it. */
public enum ReplicaRole {
    PRIMARY,
    SECONDARY,
    /** Neither: after {@code OFFLINE}, or when no primary is reachable. */
    RESOLVING,
    /** The instance is reachable but has not joined the AG (or the AG does not exist there yet). */
    NOT_JOINED,
    /** The instance could not be reached. */
    UNKNOWN;

    /**
     * The role to report for a SQL read that found {@code read} (F11). No AG row after this replica has had a
     * sequence number while still a member is not proof of demotion: the login may have lost its view of the AG
     * (metadata visibility), so it is UNKNOWN — never harmless, never the "demoted" a new primary may skip waiting for.
     */
    public static ReplicaRole asObserved(ReplicaRole read, boolean hadSequenceNumberAsMember) {
        return read == NOT_JOINED && hadSequenceNumberAsMember ? UNKNOWN : read;
    }
}
