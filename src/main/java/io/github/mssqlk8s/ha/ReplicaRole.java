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
    UNKNOWN
}
