package io.github.mssqlk8s.job.failover;

import io.github.mssqlk8s.ha.ReplicaReport;
import io.github.mssqlk8s.ha.ReportsOnOwnClock;
import io.github.mssqlk8s.kube.AgConfigMapState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The agents' reports on the failover Job's own clock (contract §6: time is never compared across pods). The Job
 * runs on another node, so the {@code reportedAt} the agents stamp says nothing against its clock. As client-go does
 * with a Lease, it reads the ConfigMap again every poll interval and counts a report as fresh only from when it saw
 * it change ({@link ReportsOnOwnClock}); it stops as soon as every report has changed once, or after the staleness
 * window, when a report that never changed is stale whatever its stamp says.
 */
final class ObservedReports {

    /** One read of the AG's ConfigMap. */
    @FunctionalInterface
    interface Read<E extends Exception> {
        AgConfigMapState read() throws E;
    }

    /** Waits between two reads (a test passes one that moves its fake clock). */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The last state read, and its reports on the Job's clock. */
    record Observation(AgConfigMapState state, List<ReplicaReport> reports) {
    }

    private ObservedReports() {
    }

    static <E extends Exception> Observation observe(Read<E> read, Clock clock, Duration staleAfter, Duration poll,
                                                     Sleeper sleeper) throws E, InterruptedException {
        ReportsOnOwnClock onOwnClock = new ReportsOnOwnClock(staleAfter);
        Instant first = clock.instant();
        AgConfigMapState state = read.read();
        onOwnClock.read(List.copyOf(state.reports().values()), first, clock.instant());
        while (!everyReportChanged(onOwnClock, clock.instant(), staleAfter)
                && !clock.instant().isAfter(first.plus(staleAfter))) {
            sleeper.sleep(poll);
            Instant start = clock.instant();
            state = read.read();
            onOwnClock.read(List.copyOf(state.reports().values()), start, clock.instant());
        }
        return new Observation(state, onOwnClock.reports());
    }

    private static boolean everyReportChanged(ReportsOnOwnClock reports, Instant now, Duration staleAfter) {
        return reports.reports().stream().allMatch(r -> r.isFreshAt(now, staleAfter));
    }
}
