package io.github.mssqlk8s.agent.health;

import io.github.mssqlk8s.config.InstanceConnectionSettings;
import io.github.mssqlk8s.ha.HealthVerdict;
import java.time.Instant;

/**
 * A real health monitor in the test's JVM, for scenario tests that run an instance's agents side by side: its
 * verdict is what the health agent would serve on {@code /q/health/live}.
 */
public final class InJvmHealthAgent implements AutoCloseable {

    private final HealthMonitor monitor = new HealthMonitor();
    private final HealthState state;

    public InJvmHealthAgent(InstanceConnectionSettings settings) {
        monitor.settings = settings;
        state = monitor.start();
    }

    public HealthVerdict verdict() {
        return state.verdict(Instant.now());
    }

    @Override
    public void close() {
        monitor.stop();
    }
}
