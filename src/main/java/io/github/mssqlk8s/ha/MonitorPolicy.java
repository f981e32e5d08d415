package io.github.mssqlk8s.ha;

/**
 * The failure condition level of a SqlServer resource (contract §4): a policy of N fails on every
 * condition of level ≤ N; 0 never fails on health. Level 2 is accepted for compatibility but, as on
 * Linux, has no separate "unresponsive" level and so behaves as 1.
 */
public record MonitorPolicy(int level) {

    public static final MonitorPolicy DEFAULT = new MonitorPolicy(3);

    public MonitorPolicy {
        if (level < 0 || level > 5) {
            throw new IllegalArgumentException("monitorPolicy must be between 0 and 5, got " + level);
        }
    }

    /** The level that is actually applied: 2 behaves as 1. */
    public int effectiveLevel() {
        return level == 2 ? 1 : level;
    }

    public boolean failsOn(FailureCondition condition) {
        return condition.level() <= effectiveLevel();
    }
}
