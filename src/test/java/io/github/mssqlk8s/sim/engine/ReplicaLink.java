package io.github.mssqlk8s.sim.engine;

import java.time.Duration;

/** The network path between two instances (both directions): can be cut, delayed and restored. */
public final class ReplicaLink {

    private volatile boolean cut;
    private volatile Duration delay = Duration.ZERO;

    public void cut() {
        cut = true;
    }

    public void restore() {
        cut = false;
        delay = Duration.ZERO;
    }

    /** Log blocks reach the other side only once they are at least this old. */
    public void delay(Duration d) {
        delay = d;
    }

    public boolean isCut() {
        return cut;
    }

    public Duration delay() {
        return delay;
    }
}
