package io.github.mssqlk8s.chaos;

import io.github.mssqlk8s.agent.ag.TickPause;

/**
 * One fault of a schedule: what, aimed at whom ({@code onPrimary}: the primary at that moment, else a secondary),
 * when it starts and how long it lasts (ms from the schedule's start), its parameter (delay, skew or freeze in ms)
 * and its variant (for an agent freeze, the {@link TickPause.Point} of the tick it stalls at).
 */
record ScheduledFault(FaultKind kind, boolean onPrimary, long atMillis, long forMillis, long parameter, int variant) {

    ScheduledFault(FaultKind kind, boolean onPrimary, long atMillis, long forMillis, long parameter) {
        this(kind, onPrimary, atMillis, forMillis, parameter, 0);
    }

    /** Where an agent freeze stalls the tick. */
    TickPause.Point freezePoint() {
        return TickPause.Point.values()[variant % TickPause.Point.values().length];
    }

    long endMillis() {
        return atMillis + forMillis;
    }

    @Override
    public String toString() {
        String target = switch (kind) {
            case API_OUTAGE, MEMBER_ADD -> "";
            case PRIMARY_API_CUT -> " from the primary";
            case LINK_CUT, LINK_SLOW -> " between the primary and a secondary";
            case MEMBER_REMOVE -> " of a secondary";
            default -> onPrimary ? " on the primary" : " on a secondary";
        };
        String detail = switch (kind) {
            case SQL_SLOW, LINK_SLOW, LATE_STATEMENTS -> " +" + parameter + " ms";
            case AGENT_FREEZE -> " " + parameter + " ms at " + freezePoint();
            case CLOCK_SKEW -> (parameter >= 0 ? " +" : " ") + parameter + " ms";
            default -> "";
        };
        String span = kind.permanent() ? "" : " for " + forMillis / 1000.0 + " s";
        return kind + detail + target + " at " + atMillis / 1000.0 + " s" + span;
    }
}
