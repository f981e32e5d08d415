package io.github.mssqlk8s.testing;

import io.github.mssqlk8s.config.LeaseSettings;
import java.util.Optional;

/** Lease settings with chosen values, for builders and checks under test. */
public record TestLeaseSettings(int leaseDurationSeconds, Optional<Integer> renewDeadlineSeconds,
        Optional<Integer> retryPeriodSeconds, int acquirePeriodSeconds, int monitorPeriodSeconds,
        Optional<Integer> sqlWriteLeasePeriodSeconds) implements LeaseSettings {

    /** The contract's defaults. */
    public static TestLeaseSettings defaults() {
        return new TestLeaseSettings(10, Optional.empty(), Optional.empty(), 1, 1, Optional.empty());
    }
}
