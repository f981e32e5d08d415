package io.github.mssqlk8s.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A mode whose behaviour is not built yet: it says so and exits 2, rather than pretending to work. */
abstract class UnbuiltMode implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(
                "mssql-k8s-agents: the " + spec.name() + " mode is not built yet in this version.");
        return AgentsCommand.USAGE_ERROR;
    }
}
