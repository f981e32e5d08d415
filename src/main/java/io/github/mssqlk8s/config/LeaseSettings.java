package io.github.mssqlk8s.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Leadership timing (contract §3), from {@code MSSQL_K8S_LEASE_DURATION_SECONDS} and friends. The operator
 * reads it and passes the effective values on to the agents it deploys.
 */
@ConfigMapping(prefix = "mssql.k8s")
public interface LeaseSettings {

    /** Slack between a write lease's end and the earliest moment another replica may be promoted. */
    int WRITE_LEASE_MARGIN_SECONDS = 2;

    @WithDefault("10")
    int leaseDurationSeconds();

    /** Default: half the lease duration. */
    Optional<Integer> renewDeadlineSeconds();

    /** Default: half the renew deadline. */
    Optional<Integer> retryPeriodSeconds();

    @WithDefault("1")
    int acquirePeriodSeconds();

    @WithDefault("1")
    int monitorPeriodSeconds();

    /**
     * How long a primary's SQL write lease is valid. Default: the lease duration less one monitor period and a
     * 2-second margin (7 s with the defaults), so a write lease always runs out before the Lease can change hands.
     */
    Optional<Integer> sqlWriteLeasePeriodSeconds();

    default int effectiveRenewDeadlineSeconds() {
        return renewDeadlineSeconds().orElse(Math.max(1, leaseDurationSeconds() / 2));
    }

    default int effectiveRetryPeriodSeconds() {
        return retryPeriodSeconds().orElse(Math.max(1, effectiveRenewDeadlineSeconds() / 2));
    }

    default int effectiveSqlWriteLeasePeriodSeconds() {
        return sqlWriteLeasePeriodSeconds().orElse(
                Math.max(monitorPeriodSeconds() + 1, leaseDurationSeconds() - monitorPeriodSeconds() - WRITE_LEASE_MARGIN_SECONDS));
    }

    /** Sentences naming each setting that breaks the rules; empty when the settings are usable. */
    default List<String> problems() {
        List<String> problems = new ArrayList<>();
        int lease = leaseDurationSeconds();
        int renew = effectiveRenewDeadlineSeconds();
        int writeLease = effectiveSqlWriteLeasePeriodSeconds();
        if (lease < 2) {
            problems.add("MSSQL_K8S_LEASE_DURATION_SECONDS must be at least 2, is " + lease);
        }
        if (renew >= lease) {
            problems.add("MSSQL_K8S_RENEW_DEADLINE_SECONDS (" + renew + ") must be below the lease duration (" + lease + ")");
        }
        if (effectiveRetryPeriodSeconds() >= renew) {
            problems.add("MSSQL_K8S_RETRY_PERIOD_SECONDS (" + effectiveRetryPeriodSeconds()
                    + ") must be below the renew deadline (" + renew + ")");
        }
        if (acquirePeriodSeconds() < 1 || monitorPeriodSeconds() < 1) {
            problems.add("MSSQL_K8S_ACQUIRE_PERIOD_SECONDS and MSSQL_K8S_MONITOR_PERIOD_SECONDS must be at least 1");
        }
        if (writeLease <= monitorPeriodSeconds() || writeLease >= lease) {
            problems.add("MSSQL_K8S_SQL_WRITE_LEASE_PERIOD_SECONDS (" + writeLease + ") must exceed the monitor period ("
                    + monitorPeriodSeconds() + ") and stay below the lease duration (" + lease + ")");
        }
        return problems;
    }
}
