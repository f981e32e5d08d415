package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.config.SupervisorSettings;
import io.github.mssqlk8s.kube.SqlServerWatcher;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.health.api.HealthRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * The {@code ag-agent-supervisor} mode: runs one {@code ag-agent} child per AG its own SqlServer lists, and
 * follows the list as it changes. On shutdown (SIGTERM to the supervisor) every child gets SIGTERM, and the
 * supervisor exits once they have, or once the grace period has passed and they were killed: no orphans.
 * Its health checks exist only while it runs, so other modes' health is untouched.
 */
@ApplicationScoped
public class AgAgentSupervisor {

    private static final Logger LOG = Logger.getLogger(AgAgentSupervisor.class);
    /** Beyond the grace period, the time a killed child gets to be reaped. */
    private static final Duration KILL_MARGIN = Duration.ofSeconds(5);

    @Inject
    SupervisorSettings settings;

    @Inject
    ChildCommand childCommand;

    @Inject
    LineSink sink;

    @Inject
    SqlServerWatcher watcher;

    @Inject
    @Readiness
    HealthRegistry readinessChecks;

    @Inject
    @Liveness
    HealthRegistry livenessChecks;

    // Written under this object's lock.
    private volatile Run run;

    /** A started supervision and what it holds open. */
    private record Run(Supervision supervision, AutoCloseable watch, ScheduledExecutorService scheduler) {
    }

    /** The namespace to use when the pod was not told its own. */
    public String currentNamespace() {
        return watcher.currentNamespace();
    }

    public synchronized void start(String namespace, String sqlServerName) {
        if (run != null) {
            throw new IllegalStateException("the supervisor is already running");
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ag-agent-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        SupervisedChild.Launch launch = new SupervisedChild.Launch(childCommand, sink, RestartBackoff.of(settings),
                settings.stopGracePeriod(), scheduler, Clock.systemUTC());
        Supervision supervision = new Supervision(namespace + "/" + sqlServerName,
                new ChildProcesses(group -> new SupervisedChild(group, launch), scheduler));
        readinessChecks.register(Supervision.CHECK_NAME, supervision::readiness);
        livenessChecks.register(Supervision.CHECK_NAME, () -> HealthCheckResponse.up(Supervision.CHECK_NAME));
        LOG.infof("Supervising the ag-agents of SqlServer %s/%s", namespace, sqlServerName);
        run = new Run(supervision, watcher.watchAvailabilityGroups(namespace, sqlServerName, supervision), scheduler);
    }

    /** Stops watching and stops every child, waiting for them (bounded by the grace period). */
    public synchronized void stop() {
        if (run == null) {
            return;
        }
        try {
            run.watch().close();
        } catch (Exception notClosed) {
            LOG.debugf("Closing the SqlServer watch: %s", notClosed.getMessage());
        }
        try {
            run.supervision().stopAll().get(settings.stopGracePeriod().plus(KILL_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillExiting) {
            LOG.warn("Some ag-agents had not exited after they were killed");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException unexpected) {
            LOG.warn("Stopping the ag-agents failed", unexpected.getCause());
        }
        run.scheduler().shutdownNow();
        readinessChecks.remove(Supervision.CHECK_NAME);
        livenessChecks.remove(Supervision.CHECK_NAME);
        run = null;
    }

    /** Whether it supervises now (and so answers {@code /q/metrics} for its children too). */
    boolean isRunning() {
        return run != null;
    }

    /** The children as they are now; empty when not running. */
    List<ChildStatus> statuses() {
        Run current = run;
        return current == null ? List.of() : current.supervision().statuses();
    }

    void onShutdown(@Observes ShutdownEvent shutdown) {
        stop();
    }
}
