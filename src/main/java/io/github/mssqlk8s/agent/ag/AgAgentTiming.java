package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.config.InstanceConnectionSettings;
import io.github.mssqlk8s.config.LeaseSettings;
import io.github.mssqlk8s.ha.TimingSettings;
import java.time.Duration;

/** The agent's {@link TimingSettings} from the operator-provided settings (contract §3). */
public final class AgAgentTiming {

    /** Contract §6: a primary whose configuration commits stay stuck this long goes offline. */
    static final Duration COMMIT_STUCK_TIMEOUT = Duration.ofSeconds(60);
    /** A peer's report older than this many monitor periods is not trusted. */
    static final int STALE_AFTER_MONITOR_PERIODS = 3;

    private AgAgentTiming() {
    }

    /** Throws IllegalArgumentException naming every setting that breaks the rules. */
    public static TimingSettings from(LeaseSettings lease, InstanceConnectionSettings connection) {
        if (!lease.problems().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", lease.problems()));
        }
        Duration monitor = Duration.ofSeconds(lease.monitorPeriodSeconds());
        return new TimingSettings(
                Duration.ofSeconds(lease.leaseDurationSeconds()),
                Duration.ofSeconds(lease.effectiveRenewDeadlineSeconds()),
                Duration.ofSeconds(lease.effectiveRetryPeriodSeconds()),
                monitor,
                Duration.ofSeconds(lease.effectiveSqlWriteLeasePeriodSeconds()),
                COMMIT_STUCK_TIMEOUT,
                Duration.ofSeconds(connection.transientDbHealthTimeoutSeconds()),
                monitor.multipliedBy(STALE_AFTER_MONITOR_PERIODS),
                Duration.ofSeconds(TimingSettings.DEFAULT_WRITE_LEASE_MARGIN_SECONDS));
    }
}
