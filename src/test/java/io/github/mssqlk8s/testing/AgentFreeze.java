package io.github.mssqlk8s.testing;

import io.github.mssqlk8s.agent.ag.TickPause;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A one-shot freeze of one agent's tick: armed for a {@link TickPause.Point} and a length, it stalls the agent's
 * thread the next time the tick passes that point (a GC or CPU-throttle pause), then disarms itself.
 */
public final class AgentFreeze implements TickPause {

    private record Armed(Point point, Duration length) {
    }

    private volatile Armed armed;
    private volatile Instant lastFrozenAt;

    /** Freezes the agent for {@code length} the next time its tick reaches {@code point}. */
    public void arm(Point point, Duration length) {
        armed = new Armed(point, length);
    }

    /** Cancels a freeze that has not started (one in progress runs to its end). */
    public void disarm() {
        armed = null;
    }

    /** When the last freeze began, if any did. */
    public Optional<Instant> lastFrozenAt() {
        return Optional.ofNullable(lastFrozenAt);
    }

    @Override
    public void at(Point point) {
        Armed now = armed;
        if (now == null || now.point() != point) {
            return;
        }
        armed = null;
        lastFrozenAt = Instant.now();
        try {
            Thread.sleep(now.length().toMillis());
        } catch (InterruptedException stopping) {
            // the agent is being stopped or killed: the pause ends with it
            Thread.currentThread().interrupt();
        }
    }
}
