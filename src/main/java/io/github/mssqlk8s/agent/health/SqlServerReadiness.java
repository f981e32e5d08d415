package io.github.mssqlk8s.agent.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Up when SQL Server answers and every database is ONLINE. A SUSPECT database takes the pod out of Services but
 * does not get SQL Server restarted: that is the AG agents' DB_FAILOVER decision, not the kubelet's.
 */
@Readiness
@ApplicationScoped
public class SqlServerReadiness implements HealthCheck {

    @Inject
    HealthMonitor monitor;

    @Override
    public HealthCheckResponse call() {
        return ProbeResponses.answer(monitor, (state, now) -> state.answering(now) && state.databasesOnline(now));
    }
}
