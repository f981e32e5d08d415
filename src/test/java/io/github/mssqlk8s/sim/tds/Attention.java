package io.github.mssqlk8s.sim.tds;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * ATTENTION bookkeeping of one connection: the reader thread counts the signals as they arrive, the
 * worker acknowledges them (DONE with the ATTN bit) once per cancelled request.
 */
final class Attention {

    private final AtomicInteger received = new AtomicInteger();
    private volatile int acknowledged;

    void received() {
        received.incrementAndGet();
    }

    /** True while an ATTENTION waits for its acknowledgement (the running request must stop). */
    boolean pending() {
        return received.get() > acknowledged;
    }

    void acknowledged() {
        acknowledged = received.get();
    }
}
