package io.github.mssqlk8s.operator;

import io.github.mssqlk8s.config.LeaseSettings;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** The operator's own leader election (one Lease in its namespace), timed by the contract's lease settings. */
@Singleton
class OperatorLeaderElection {

    static final String LEASE_NAME = "mssql-operator-leader";

    /**
     * fabric8's elector adds up to 120 % jitter to the retry period and so requires renewDeadline > 2.2 × retry;
     * the contract's default (renew / 2) never meets that, so the retry period is capped just below the limit.
     */
    static final double MAX_RETRY_SHARE_OF_RENEW = 1 / 2.3;

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(LeaseSettings lease) {
        Duration renew = Duration.ofSeconds(lease.effectiveRenewDeadlineSeconds());
        Duration retry = Duration.ofSeconds(lease.effectiveRetryPeriodSeconds());
        Duration retryCap = Duration.ofMillis((long) (renew.toMillis() * MAX_RETRY_SHARE_OF_RENEW));
        return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE_NAME)
                .withLeaseDuration(Duration.ofSeconds(lease.leaseDurationSeconds()))
                .withRenewDeadline(renew)
                .withRetryPeriod(retry.compareTo(retryCap) > 0 ? retryCap : retry)
                .build();
    }
}
