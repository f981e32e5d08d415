package io.github.mssqlk8s.chaos;

/**
 * One fault of a schedule: what, aimed at whom ({@code onPrimary}: the primary at that moment, else a secondary),
 * when it starts and how long it lasts (ms from the schedule's start), and its parameter (delay or skew in ms).
 */
record ScheduledFault(FaultKind kind, boolean onPrimary, long atMillis, long forMillis, long parameter) {

    long endMillis() {
        return atMillis + forMillis;
    }

    @Override
    public String toString() {
        String target = switch (kind) {
            case API_OUTAGE, MEMBER_ADD -> "";
            case LINK_CUT, LINK_SLOW -> " between the primary and a secondary";
            case MEMBER_REMOVE -> " of a secondary";
            default -> onPrimary ? " on the primary" : " on a secondary";
        };
        String detail = switch (kind) {
            case SQL_SLOW, LINK_SLOW -> " +" + parameter + " ms";
            case CLOCK_SKEW -> (parameter >= 0 ? " +" : " ") + parameter + " ms";
            default -> "";
        };
        String span = kind.permanent() ? "" : " for " + forMillis / 1000.0 + " s";
        return kind + detail + target + " at " + atMillis / 1000.0 + " s" + span;
    }
}
