package io.github.mssqlk8s.testing;

import io.github.mssqlk8s.sim.engine.SimulatedInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Polls every instance every few milliseconds and records each moment two or more of them would accept a write
 * to the AG's databases (PRIMARY with a valid write lease, running): the split-brain windows a scenario must
 * never see.
 */
public final class WritablePrimaryMonitor implements AutoCloseable {

    /** A period during which {@code writable} instances all accepted writes. */
    public record Window(Instant from, Instant to, List<String> writable) {
        public Duration length() {
            return Duration.between(from, to);
        }
    }

    private final Supplier<Map<String, SimulatedInstance>> instances;
    private final String availabilityGroup;
    private final List<Window> splitBrains = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile List<String> lastWritable = List.of();
    private volatile long polls;

    WritablePrimaryMonitor(Supplier<Map<String, SimulatedInstance>> instances, String availabilityGroup) {
        this.instances = instances;
        this.availabilityGroup = availabilityGroup;
        this.thread = new Thread(this::run, "writable-primary-monitor");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Every window with two or more writable primaries seen so far. */
    public List<Window> splitBrainWindows() {
        return List.copyOf(splitBrains);
    }

    /** The instances that accepted writes at the last poll. */
    public List<String> writableNow() {
        return lastWritable;
    }

    public long polls() {
        return polls;
    }

    private void run() {
        Instant openedAt = null;
        List<String> openWith = null;
        while (running) {
            List<String> writable = new ArrayList<>();
            instances.get().forEach((name, instance) -> {
                if (instance.acceptsWrites(availabilityGroup)) {
                    writable.add(name);
                }
            });
            Instant now = Instant.now();
            lastWritable = List.copyOf(writable);
            polls++;
            if (writable.size() > 1 && openedAt == null) {
                openedAt = now;
                openWith = List.copyOf(writable);
            } else if (writable.size() <= 1 && openedAt != null) {
                splitBrains.add(new Window(openedAt, now, openWith));
                openedAt = null;
            }
            pause();
        }
        if (openedAt != null) {
            splitBrains.add(new Window(openedAt, Instant.now(), openWith));
        }
    }

    private void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2_000);
    }
}
