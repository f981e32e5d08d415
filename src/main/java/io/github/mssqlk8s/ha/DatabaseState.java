package io.github.mssqlk8s.ha;

import java.util.Locale;

/**
 * {@code sys.databases.state_desc}, sorted into what it means for DB_FAILOVER (contract §6).
 */
public enum DatabaseState {
    ONLINE(Kind.HEALTHY),
    RESTORING(Kind.TRANSIENT),
    RECOVERING(Kind.TRANSIENT),
    RECOVERY_PENDING(Kind.TRANSIENT),
    OFFLINE(Kind.TRANSIENT),
    SUSPECT(Kind.PERMANENT_FAILURE),
    EMERGENCY(Kind.PERMANENT_FAILURE),
    /** A state_desc this code does not know (e.g. Azure-only COPYING): waited out like a transient one. */
    UNRECOGNIZED(Kind.TRANSIENT);

    /** What a state means for the primary's health. */
    public enum Kind { HEALTHY, TRANSIENT, PERMANENT_FAILURE }

    private final Kind kind;

    DatabaseState(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static DatabaseState parse(String stateDesc) {
        if (stateDesc == null) {
            return UNRECOGNIZED;
        }
        try {
            return valueOf(stateDesc.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return UNRECOGNIZED;
        }
    }
}
