package io.github.mssqlk8s.cli;

import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import picocli.CommandLine;

/** Runs the picocli command line; its exit code is the process's. */
public class ModeApplication implements QuarkusApplication {

    @Inject
    CommandLine commandLine;

    @Override
    public int run(String... args) {
        return commandLine.execute(args);
    }
}
