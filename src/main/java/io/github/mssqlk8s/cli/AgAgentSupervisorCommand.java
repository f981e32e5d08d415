package io.github.mssqlk8s.cli;

import io.github.mssqlk8s.agent.ag.AgAgentSupervisor;
import io.github.mssqlk8s.config.AgentIdentity;
import io.github.mssqlk8s.naming.EnvironmentVariables;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Runs until SIGTERM. An unreachable API server or a missing resource is logged and retried, never a reason to
 * exit: exiting would only restart the container, and the ag-agents with it.
 */
@Command(name = "ag-agent-supervisor", description = "Run one ag-agent per AG of the instance.")
public class AgAgentSupervisorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    AgentIdentity identity;

    @Inject
    AgAgentSupervisor supervisor;

    @Override
    public Integer call() {
        if (identity.sqlServerName().isEmpty()) {
            spec.commandLine().getErr().println("ag-agent-supervisor: " + EnvironmentVariables.SQL_SERVER_NAME
                    + " is not set; it names the SqlServer whose availability groups to serve");
            return 1;
        }
        supervisor.start(identity.namespace().orElseGet(supervisor::currentNamespace), identity.sqlServerName().get());
        Quarkus.waitForExit();
        return 0;
    }
}
