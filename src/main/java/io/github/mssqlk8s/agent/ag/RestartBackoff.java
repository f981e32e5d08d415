package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.config.SupervisorSettings;
import java.time.Duration;

/**
 * When to restart a crashed child: the first delay doubles with each crash in a row up to the cap, so a child
 * that cannot start does not spin; a child that ran steadily before it crashed starts the count afresh.
 */
record RestartBackoff(Duration firstDelay, Duration maxDelay, Duration steadyRunTime) {

    static RestartBackoff of(SupervisorSettings settings) {
        return new RestartBackoff(settings.restartDelay(), settings.maxRestartDelay(), settings.steadyRunTime());
    }

    /** The crashes in a row, counting this one, of a child that had run for {@code uptime}. */
    int crashesInARow(int crashesBefore, Duration uptime) {
        return uptime.compareTo(steadyRunTime) >= 0 ? 1 : crashesBefore + 1;
    }

    /** The wait before restarting after the given number of crashes in a row (at least 1). */
    Duration delayAfter(int crashesInARow) {
        Duration delay = firstDelay;
        for (int crash = 1; crash < crashesInARow && delay.compareTo(maxDelay) < 0; crash++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
