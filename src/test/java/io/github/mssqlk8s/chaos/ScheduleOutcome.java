package io.github.mssqlk8s.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one schedule did and whether the system kept its promises: {@code problems} is empty when every check held.
 * {@code longestWriteGap}: the longest time between two acknowledged writes from the first fault on (null when
 * not measured); {@code recoveryAfterHeal}: from the last fault's end to the first write acknowledged after it.
 */
record ScheduleOutcome(FaultSchedule schedule, Map<FaultKind, Integer> injected, int skipped, int failovers, int lostWrites,
        int splitBrainWindows, long acknowledgedWrites, Duration longestWriteGap, Duration recoveryAfterHeal,
        List<String> problems) {

    boolean passed() {
        return problems.isEmpty();
    }

    int faultsInjected() {
        return injected.values().stream().mapToInt(Integer::intValue).sum();
    }
}
