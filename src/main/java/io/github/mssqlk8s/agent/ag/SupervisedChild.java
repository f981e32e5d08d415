package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.ha.Durations;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The {@code ag-agent} child process of one AG. It is started again, after a backoff, whenever it exits without
 * having been told to stop. {@link #stop()} sends SIGTERM and kills the child only when it has not exited within
 * the grace period.
 *
 * <p>SIGTERM means the same for every stop; the child itself decides what to do with it: when its AG is no
 * longer listed in its SqlServer it leaves the AG cleanly, otherwise (the pod is shutting down) it just stops.
 */
final class SupervisedChild {

    private static final Logger LOG = Logger.getLogger(SupervisedChild.class);

    private final String group;
    private final Launch launch;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    // Guarded by this.
    private ChildState state = ChildState.STOPPED;
    private Process process;
    private int httpPort;
    private Instant startedAt;
    private ScheduledFuture<?> pendingRestart;
    private int restarts;
    private int crashesInARow;
    private OptionalInt lastExitCode = OptionalInt.empty();
    private Duration restartDelay = Duration.ZERO;

    /** What every child of one supervisor shares: how to start it, where its output goes, when to restart. */
    record Launch(ChildCommand command, LineSink sink, RestartBackoff backoff, Duration stopGracePeriod,
            ScheduledExecutorService scheduler, Clock clock) {
    }

    SupervisedChild(String group, Launch launch) {
        this.group = group;
        this.launch = launch;
    }

    String group() {
        return group;
    }

    synchronized void start() {
        try {
            int port = LoopbackPort.free();
            Process started = launch.command().forGroup(group, port).start();
            process = started;
            httpPort = port;
            startedAt = launch.clock().instant();
            state = ChildState.RUNNING;
            PrefixedOutput.copy(group, "stdout", started.getInputStream(), launch.sink()::out);
            PrefixedOutput.copy(group, "stderr", started.getErrorStream(), launch.sink()::err);
            // Exits are handled on the supervisor's thread, never on the JDK's process reaper.
            started.onExit().thenRunAsync(() -> exited(started), launch.scheduler());
            LOG.infof("ag-agent for AG %s started (pid %d)", group, started.pid());
        } catch (IOException notStarted) {
            LOG.errorf("ag-agent for AG %s could not be started: %s", group, notStarted.getMessage());
            process = null;
            restartAfter(Duration.ZERO);
        }
    }

    /**
     * Asks the child to stop: SIGTERM now, a kill after the grace period. The result completes once the child
     * has exited (at once when none is running).
     */
    synchronized CompletableFuture<Void> stop() {
        switch (state) {
            case RUNNING -> {
                state = ChildState.STOPPING;
                Process running = process;
                // SIGTERM through the handle: Process.destroy() would also close our ends of the child's pipes
                // and lose what it says while it stops.
                running.toHandle().destroy();
                launch.scheduler().schedule(() -> killIfAlive(running),
                        launch.stopGracePeriod().toMillis(), TimeUnit.MILLISECONDS);
            }
            case RESTARTING -> {
                pendingRestart.cancel(false);
                becomeStopped();
            }
            case STOPPED -> stopped.complete(null);
            case STOPPING -> {
                // Already on its way out.
            }
        }
        return stopped;
    }

    synchronized ChildStatus status() {
        OptionalLong pid = process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
        OptionalInt port = process == null ? OptionalInt.empty() : OptionalInt.of(httpPort);
        return new ChildStatus(group, state, pid, port, restarts, lastExitCode, restartDelay);
    }

    private synchronized void exited(Process ended) {
        if (ended != process) {
            return;
        }
        lastExitCode = OptionalInt.of(ended.exitValue());
        process = null;
        if (state == ChildState.STOPPING) {
            LOG.infof("ag-agent for AG %s stopped (exit code %d)", group, ended.exitValue());
            becomeStopped();
            return;
        }
        restartAfter(Duration.between(startedAt, launch.clock().instant()));
        LOG.warnf("ag-agent for AG %s exited with code %d; restarting it in %s", group, ended.exitValue(),
                Durations.format(restartDelay));
    }

    private void restartAfter(Duration uptime) {
        crashesInARow = launch.backoff().crashesInARow(crashesInARow, uptime);
        restartDelay = launch.backoff().delayAfter(crashesInARow);
        state = ChildState.RESTARTING;
        pendingRestart = launch.scheduler().schedule(this::restart, restartDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void restart() {
        if (state == ChildState.RESTARTING) {
            restarts++;
            start();
        }
    }

    private void becomeStopped() {
        state = ChildState.STOPPED;
        // Completed on the supervisor's thread: whoever waits must not run under this child's lock.
        launch.scheduler().execute(() -> stopped.complete(null));
    }

    private void killIfAlive(Process running) {
        if (running.isAlive()) {
            LOG.warnf("ag-agent for AG %s did not stop within %s; killing it", group,
                    Durations.format(launch.stopGracePeriod()));
            // Whatever it started goes with it: no orphans outlive the supervisor.
            running.descendants().forEach(ProcessHandle::destroyForcibly);
            running.destroyForcibly();
        }
    }
}
