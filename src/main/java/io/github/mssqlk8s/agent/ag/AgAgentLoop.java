package io.github.mssqlk8s.agent.ag;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs an {@link AgAgent}'s ticks on a thread of its own, one per monitor period, until {@link #stop}; then lets
 * the agent leave (SIGTERM contract: the whole stop stays well within the supervisor's 30 s grace).
 */
public final class AgAgentLoop {

    private static final Logger LOG = Logger.getLogger(AgAgentLoop.class);

    private final AgAgent agent;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean leaveOnStop = true;

    public AgAgentLoop(AgAgent agent) {
        this.agent = agent;
        this.thread = new Thread(this::run, "ag-agent-" + agent.name());
        this.thread.setDaemon(true);
    }

    public AgAgentLoop start() {
        thread.start();
        return this;
    }

    /** Stops ticking, lets the agent leave, and waits up to {@code patience} for it. */
    public boolean stop(Duration patience) throws InterruptedException {
        running = false;
        thread.interrupt();
        return stopped.await(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends the loop at once, with no goodbye: as when the process is killed. For tests. */
    public void kill() {
        leaveOnStop = false;
        running = false;
        thread.interrupt();
    }

    public boolean isRunning() {
        return stopped.getCount() > 0;
    }

    private void run() {
        long period = agent.monitorPeriod().toMillis();
        try {
            while (running) {
                long started = System.nanoTime();
                try {
                    agent.tick();
                } catch (RuntimeException unexpected) {
                    LOG.errorf(unexpected, "%s: tick failed", agent.name());
                }
                long left = period - (System.nanoTime() - started) / 1_000_000;
                if (left > 0 && running) {
                    try {
                        Thread.sleep(left);
                    } catch (InterruptedException stopping) {
                        // stop() interrupts the wait; the loop condition ends it
                    }
                }
            }
            Thread.interrupted();
            if (leaveOnStop) {
                agent.leave();
            }
        } finally {
            stopped.countDown();
        }
    }
}
