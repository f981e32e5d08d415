package io.github.mssqlk8s.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * For the commands that run the system in one JVM (benchmarks, chaos campaign): what the agents and the mock API
 * server log goes to a file, so that the console shows only the command's own figures.
 */
public final class LogsToFile {

    /** Held so that the loggers keep their configuration (java.util.logging holds loggers weakly). */
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger MOCK_SERVER = Logger.getLogger("io.fabric8.mockwebserver");

    private LogsToFile() {
    }

    public static void redirect(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        for (Handler handler : ROOT.getHandlers()) {
            ROOT.removeHandler(handler);
        }
        FileHandler handler = new FileHandler(file.toString());
        handler.setFormatter(new SimpleFormatter());
        ROOT.addHandler(handler);
        // The mock API server logs every request it serves.
        MOCK_SERVER.setLevel(Level.WARNING);
    }
}
