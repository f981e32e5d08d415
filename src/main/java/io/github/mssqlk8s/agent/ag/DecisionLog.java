package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.ha.Decision;

/**
 * Tells whether a decision is news: its kind or its reason changed, figures aside (a wait counting down is the
 * same decision from tick to tick). Keeps logs, Events and status writes to changes, not ticks.
 */
final class DecisionLog {

    private String last;

    /** True the first time this decision (figures aside) is seen after a different one. */
    boolean isNews(Decision decision) {
        String key = describe(decision).replaceAll("[0-9][0-9.:TZ-]*", "#");
        if (key.equals(last)) {
            return false;
        }
        last = key;
        return true;
    }

    static String describe(Decision decision) {
        return decision.getClass().getSimpleName() + ": " + decision.reason();
    }
}
