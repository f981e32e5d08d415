package io.github.mssqlk8s.ha;

/** {@code sys.availability_replicas.availability_mode_desc}. */
public enum AvailabilityMode {
    SYNCHRONOUS_COMMIT,
    ASYNCHRONOUS_COMMIT,
    /** Holds the AG configuration only (no databases): counts for quorum, never becomes primary. */
    CONFIGURATION_ONLY;

    /** Whether replicas of this mode count towards the promotion quorum (contract §6). */
    public boolean countsForQuorum() {
        return this != ASYNCHRONOUS_COMMIT;
    }

    String phrase() {
        return switch (this) {
            case SYNCHRONOUS_COMMIT -> "synchronous-commit";
            case ASYNCHRONOUS_COMMIT -> "asynchronous-commit";
            case CONFIGURATION_ONLY -> "configuration-only";
        };
    }
}
