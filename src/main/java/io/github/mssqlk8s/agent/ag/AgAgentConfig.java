package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.ha.TimingSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Who an ag-agent is and how it is timed.
 *
 * @param namespace          the namespace of the SqlServer resources
 * @param sqlServerName      the agent's own SqlServer (its identity in the Lease and the reports)
 * @param availabilityGroup  the one AG it serves
 * @param timing             leadership and monitor timing
 * @param requestTimeout     how long a failover request stays in flight
 * @param rsstcOverride      REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT override, null for the formula
 */
public record AgAgentConfig(String namespace, String sqlServerName, String availabilityGroup, TimingSettings timing,
                            Duration requestTimeout, Integer rsstcOverride) {

    public AgAgentConfig {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(sqlServerName, "sqlServerName");
        Objects.requireNonNull(availabilityGroup, "availabilityGroup");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** Whole seconds of WRITE_LEASE_VALIDITY (TimingSettings guarantees whole seconds). */
    public int writeLeaseSeconds() {
        return (int) timing.writeLeaseValidity().toSeconds();
    }
}
