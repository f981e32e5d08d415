package io.github.mssqlk8s.agent.ag;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the supervisor knows about one AG's child, for its health endpoint and logs.
 *
 * @param pid the process running now, if any
 * @param httpPort the loopback port that process serves its metrics on
 * @param restarts how often it was started again after exiting on its own
 * @param lastExitCode the exit code of its previous process, if one has exited
 * @param restartDelay the backoff waited (or being waited) before the latest restart; zero before any
 */
record ChildStatus(String group, ChildState state, OptionalLong pid, OptionalInt httpPort, int restarts,
        OptionalInt lastExitCode, Duration restartDelay) {
}
