package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's timing settings (contract §3), validated together because their safety lies in how they
 * relate: the SQL write lease must outlive a monitor period (or the primary fences itself between two
 * renewals) and end before the Lease does (so that a Lease that ran out implies a write lease that ran
 * out).
 *
 * @param leaseDuration        Kubernetes Lease duration (default 10 s)
 * @param renewDeadline        a holder that has not renewed for this long gives up (default lease/2)
 * @param retryPeriod          between leader-election attempts (default renew/2)
 * @param monitorPeriod        between two ticks (default 1 s)
 * @param writeLeaseValidity   {@code WRITE_LEASE_VALIDITY}, whole seconds, monitor period &lt; it &lt; lease
 * @param commitStuckTimeout   a primary whose configuration commit hangs this long goes offline (60 s)
 * @param transientDbTimeout   {@code transientDBHealthTimeoutSec} (180 s)
 * @param reportStaleAfter     a peer report older than this is ignored (default 3 monitor periods)
 * @param writeLeaseMargin     added to every write-lease expiry estimate (default 5 s): no longer for clock skew
 *                             (times are never compared across pods) but for clocks running at different rates
 *                             and SQL Server's own lag in enforcing an expired lease; Microsoft's Pacemaker agent
 *                             waits 5 s past a lease for the same reason
 */
public record TimingSettings(
        Duration leaseDuration,
        Duration renewDeadline,
        Duration retryPeriod,
        Duration monitorPeriod,
        Duration writeLeaseValidity,
        Duration commitStuckTimeout,
        Duration transientDbTimeout,
        Duration reportStaleAfter,
        Duration writeLeaseMargin) {

    public TimingSettings {
        List<String> problems = problems(leaseDuration, renewDeadline, retryPeriod, monitorPeriod,
                writeLeaseValidity, commitStuckTimeout, transientDbTimeout, reportStaleAfter, writeLeaseMargin);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid timing settings: " + String.join("; ", problems));
        }
    }

    /**
     * Contract defaults. After a primary's Lease ran out (10 s from when a reader first saw its last renewal), a
     * new leader still waits until that renewal + monitor period + write lease (7 s) + margin (5 s).
     */
    public static TimingSettings defaults() {
        return new TimingSettings(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(2500),
                Duration.ofSeconds(1), Duration.ofSeconds(7), Duration.ofSeconds(60), Duration.ofSeconds(180),
                Duration.ofSeconds(3), Duration.ofSeconds(DEFAULT_WRITE_LEASE_MARGIN_SECONDS));
    }

    /** See {@code writeLeaseMargin}. */
    public static final int DEFAULT_WRITE_LEASE_MARGIN_SECONDS = 5;

    private static List<String> problems(Duration lease, Duration renew, Duration retry, Duration monitor,
                                         Duration writeLease, Duration commitStuck, Duration transientDb,
                                         Duration staleAfter, Duration margin) {
        List<String> problems = new ArrayList<>();
        requirePositive(problems, "lease duration", lease);
        requirePositive(problems, "renew deadline", renew);
        requirePositive(problems, "retry period", retry);
        requirePositive(problems, "monitor period", monitor);
        requirePositive(problems, "SQL write lease period", writeLease);
        requirePositive(problems, "commit-stuck timeout", commitStuck);
        requirePositive(problems, "transient DB health timeout", transientDb);
        requirePositive(problems, "report staleness", staleAfter);
        if (margin == null || margin.isNegative()) {
            problems.add("write-lease margin must not be negative");
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        if (renew.compareTo(lease) >= 0) {
            problems.add("renew deadline " + Durations.format(renew) + " must be shorter than the lease duration "
                    + Durations.format(lease));
        }
        if (retry.compareTo(renew) >= 0) {
            problems.add("retry period " + Durations.format(retry) + " must be shorter than the renew deadline "
                    + Durations.format(renew));
        }
        if (writeLease.compareTo(monitor) <= 0) {
            problems.add("SQL write lease period " + Durations.format(writeLease) + " must exceed the monitor period "
                    + Durations.format(monitor));
        }
        if (writeLease.compareTo(lease) >= 0) {
            problems.add("SQL write lease period " + Durations.format(writeLease)
                    + " must stay below the lease duration " + Durations.format(lease));
        }
        if (writeLease.toMillis() % 1000 != 0) {
            problems.add("SQL write lease period must be whole seconds (WRITE_LEASE_VALIDITY takes seconds)");
        }
        if (staleAfter.compareTo(monitor) <= 0) {
            problems.add("report staleness " + Durations.format(staleAfter) + " must exceed the monitor period");
        }
        return problems;
    }

    private static void requirePositive(List<String> problems, String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            problems.add(name + " must be positive");
        }
    }
}
