package io.github.mssqlk8s.agent.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Down exactly when the monitor policy says the instance failed (a starting instance is not failed). */
@Liveness
@ApplicationScoped
public class SqlServerLiveness implements HealthCheck {

    @Inject
    HealthMonitor monitor;

    @Override
    public HealthCheckResponse call() {
        return ProbeResponses.answer(monitor, (state, now) -> !state.verdict(now).isFailed());
    }
}
