package io.github.mssqlk8s.agent.ag;

import java.io.File;
import java.util.List;

/**
 * How one child is started: the configured command line, with the supervisor's environment plus the variable
 * that names the child's AG (secrets stay in the environment, never in arguments).
 */
public record ChildCommand(List<String> commandLine, String groupVariable) {

    public ChildCommand {
        commandLine = List.copyOf(commandLine);
    }

    ProcessBuilder forGroup(String group) {
        ProcessBuilder builder = new ProcessBuilder(commandLine);
        builder.environment().put(groupVariable, group);
        // A child never reads from the supervisor; an empty stdin keeps it from waiting on one.
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return builder;
    }
}
