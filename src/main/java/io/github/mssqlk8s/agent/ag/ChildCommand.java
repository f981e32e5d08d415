package io.github.mssqlk8s.agent.ag;

import java.io.File;
import java.util.List;

/**
 * How one child is started: the configured command line, with the supervisor's environment plus the variables
 * that name the child's AG and where it serves its metrics (secrets stay in the environment, never in arguments).
 *
 * @param groupVariable names the child's AG
 * @param httpHostVariable set to loopback: the child's HTTP server is reachable from inside the pod only
 * @param httpPortVariable set to a port the supervisor chose, where it scrapes the child's metrics
 */
public record ChildCommand(List<String> commandLine, String groupVariable, String httpHostVariable,
        String httpPortVariable) {

    static final String LOOPBACK = "127.0.0.1";

    public ChildCommand {
        commandLine = List.copyOf(commandLine);
    }

    ProcessBuilder forGroup(String group, int httpPort) {
        ProcessBuilder builder = new ProcessBuilder(commandLine);
        builder.environment().put(groupVariable, group);
        // Set, not inherited: the supervisor's own HTTP settings must never reach a child.
        builder.environment().put(httpHostVariable, LOOPBACK);
        builder.environment().put(httpPortVariable, Integer.toString(httpPort));
        // A child never reads from the supervisor; an empty stdin keeps it from waiting on one.
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return builder;
    }
}
