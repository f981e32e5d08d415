package io.github.mssqlk8s.agent.health;

import io.github.mssqlk8s.config.InstanceConnectionSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** The health-agent mode: start watching, publish metrics; probes are served by the health checks. */
@ApplicationScoped
public class HealthAgent {

    private static final Logger LOG = Logger.getLogger(HealthAgent.class);

    @Inject
    HealthMonitor monitor;

    @Inject
    HealthMetrics metrics;

    @Inject
    InstanceConnectionSettings settings;

    private boolean started;

    /** Starts once; later calls do nothing. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        metrics.register(monitor.start());
        LOG.infof("health agent: watching %s:%d under monitor policy %d (diagnostics every %d s)", settings.sqlHost(),
                settings.sqlPort(), settings.monitorPolicy(), monitor.repeatIntervalSeconds());
    }

    public void stop() {
        monitor.stop();
    }
}
