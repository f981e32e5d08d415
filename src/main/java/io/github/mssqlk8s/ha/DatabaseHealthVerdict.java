package io.github.mssqlk8s.ha;

import java.util.Objects;

/**
 * The database-level health of a primary (DB_FAILOVER).
 *
 * @param status HEALTHY, TRANSIENT (some database in a transient state, still within the timeout) or FAILED
 * @param reason one sentence naming the database and its state when not healthy
 */
public record DatabaseHealthVerdict(Status status, String reason) {

    public enum Status { HEALTHY, TRANSIENT, FAILED }

    public DatabaseHealthVerdict {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    public static DatabaseHealthVerdict healthy() {
        return new DatabaseHealthVerdict(Status.HEALTHY, "all databases ONLINE");
    }

    public boolean isFailed() {
        return status == Status.FAILED;
    }
}
