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

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(LeaseSettings lease) {
        return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE_NAME)
                .withLeaseDuration(Duration.ofSeconds(lease.leaseDurationSeconds()))
                .withRenewDeadline(Duration.ofSeconds(lease.effectiveRenewDeadlineSeconds()))
                .withRetryPeriod(Duration.ofSeconds(lease.effectiveRetryPeriodSeconds()))
                .build();
    }
}
