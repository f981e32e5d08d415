package io.github.mssqlk8s.agent.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * Up once SQL Server answers. The kubelet asks this while the mssql-server container starts, and holds the
 * liveness probe back until then, so a long database recovery is not mistaken for a failure.
 */
@Startup
@ApplicationScoped
public class SqlServerStarted implements HealthCheck {

    @Inject
    HealthMonitor monitor;

    @Override
    public HealthCheckResponse call() {
        return ProbeResponses.answer(monitor, (state, now) -> state.answering(now));
    }
}
