package io.github.mssqlk8s.ha;

import java.util.Objects;

/**
 * One SQL Server instance (one SqlServer resource, one pod) as the rollout sees it, whatever AGs it is in.
 *
 * @param name            the SqlServer resource
 * @param up              its pod runs and SQL Server answers
 * @param currentRevision the pod template revision its pod was made from; null while it has no pod (the
 *                        StatefulSet controller recreates it from the desired revision)
 * @param desiredRevision the revision the StatefulSet wants now (its update revision)
 * @param version         the SQL Server version it reports; null when unknown
 */
public record RolloutInstance(String name, boolean up, String currentRevision, String desiredRevision,
                              SqlServerVersion version) {

    public RolloutInstance {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(desiredRevision, "desiredRevision");
    }

    /** Runs a pod of an older (or, after a revert, newer) template than the desired one. */
    public boolean outdated() {
        return currentRevision != null && !currentRevision.equals(desiredRevision);
    }
}
