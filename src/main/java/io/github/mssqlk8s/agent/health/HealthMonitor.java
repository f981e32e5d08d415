package io.github.mssqlk8s.agent.health;

import io.github.mssqlk8s.config.InstanceConnectionSettings;
import io.github.mssqlk8s.ha.HealthSettings;
import io.github.mssqlk8s.ha.MonitorPolicy;
import io.github.mssqlk8s.sql.DatabaseStates;
import io.github.mssqlk8s.sql.LoginFiles;
import io.github.mssqlk8s.sql.ServerDiagnosticsStream;
import io.github.mssqlk8s.sql.SqlConnector;
import io.github.mssqlk8s.sql.SqlEndpoint;
import io.github.mssqlk8s.sql.SqlFailure;
import io.github.mssqlk8s.sql.SqlLogin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Keeps {@link HealthState} current with two loops: one dedicated connection streaming
 * {@code sp_server_diagnostics}, and one reading database states every few seconds. A broken connection ends the
 * blocked read at once; reconnects back off from 250 ms to 5 s. The login is read from its files before every
 * attempt, so a rotated password heals by itself.
 */
@ApplicationScoped
public class HealthMonitor {

    private static final Logger LOG = Logger.getLogger(HealthMonitor.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    @Inject
    InstanceConnectionSettings settings;

    private final Clock clock = Clock.systemUTC();
    private volatile HealthState state;
    private volatile boolean running;
    private volatile ServerDiagnosticsStream stream;
    private Thread diagnosticsLoop;
    private Thread databaseLoop;

    /** Starts watching; the state is readable from now on. */
    public synchronized HealthState start() {
        if (state == null) {
            HealthSettings judging = new HealthSettings(new MonitorPolicy(settings.monitorPolicy()),
                    Duration.ofSeconds(settings.connectionTimeoutSeconds()),
                    Duration.ofSeconds(settings.healthCheckTimeoutSeconds()),
                    Duration.ofSeconds(settings.startupGraceSeconds()));
            state = new HealthState(clock.instant(), judging, Duration.ofSeconds(settings.transientDbHealthTimeoutSeconds()));
            running = true;
            diagnosticsLoop = daemon("health-diagnostics", this::watchDiagnostics);
            databaseLoop = daemon("health-databases", this::watchDatabases);
        }
        return state;
    }

    /** The state, or null when this process is not a health agent. */
    public HealthState state() {
        return state;
    }

    public synchronized void stop() {
        running = false;
        ServerDiagnosticsStream current = stream;
        if (current != null) {
            current.cancel();
        }
        if (diagnosticsLoop != null) {
            diagnosticsLoop.interrupt();
            databaseLoop.interrupt();
        }
    }

    /** Results every third of the health-check timeout, and never more often than SQL Server allows. */
    int repeatIntervalSeconds() {
        return Math.max(ServerDiagnosticsStream.MIN_INTERVAL_SECONDS, settings.healthCheckTimeoutSeconds() / 3);
    }

    private void watchDiagnostics() {
        Duration retry = FIRST_RETRY;
        while (running) {
            try (Connection connection = connector().connect(login())) {
                state.connected(clock.instant());
                retry = FIRST_RETRY;
                stream = new ServerDiagnosticsStream(connection);
                stream.run(repeatIntervalSeconds(), result -> state.diagnostics(result, clock.instant()));
                state.failed("the diagnostics stream ended");
            } catch (SQLException failure) {
                record(failure);
            } catch (IOException loginUnreadable) {
                state.failed(loginUnreadable.getMessage());
                LOG.warnf("health agent: %s", loginUnreadable.getMessage());
            } finally {
                stream = null;
            }
            if (running) {
                state.reconnecting();
                sleep(retry);
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }
    }

    private void watchDatabases() {
        Duration interval = Duration.ofSeconds(settings.databaseCheckIntervalSeconds());
        while (running) {
            try (Connection connection = connector().connect(login())) {
                while (running) {
                    state.databases(DatabaseStates.query(connection, Duration.ofSeconds(settings.queryTimeoutSeconds())),
                            clock.instant());
                    sleep(interval);
                }
            } catch (SQLException | IOException notNow) {
                // The diagnostics loop reports connection problems; this one just tries again.
                sleep(interval);
            }
        }
    }

    private void record(SQLException failure) {
        SqlFailure kind = SqlFailure.of(failure);
        String problem = kind + ": " + failure.getMessage();
        if (kind == SqlFailure.REFUSED) {
            state.refused(clock.instant(), problem);
        } else {
            state.failed(problem);
        }
        LOG.debugf("health agent: %s", problem);
    }

    private SqlConnector connector() {
        return new SqlConnector(new SqlEndpoint(settings.sqlHost(), settings.sqlPort(), settings.sqlEncrypt(),
                settings.sqlTrustServerCertificate()), Duration.ofSeconds(settings.connectionTimeoutSeconds()),
                "mssql-k8s-health-agent");
    }

    private SqlLogin login() throws IOException {
        return new LoginFiles(Path.of(settings.agentLoginPath())).read();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
