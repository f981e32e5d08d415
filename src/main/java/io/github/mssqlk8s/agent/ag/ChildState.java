package io.github.mssqlk8s.agent.ag;

import java.util.Locale;

/** Where one AG's child is in its life. */
enum ChildState {
    RUNNING,
    /** Exited on its own; waits out its backoff before it is started again. */
    RESTARTING,
    /** Told to stop (SIGTERM); not yet exited. */
    STOPPING,
    STOPPED;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
