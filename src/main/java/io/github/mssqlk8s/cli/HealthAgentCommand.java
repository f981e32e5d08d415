package io.github.mssqlk8s.cli;

import io.github.mssqlk8s.agent.health.HealthAgent;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "health-agent", description = "Serve SQL Server's health probes by its monitor policy.")
public class HealthAgentCommand implements Callable<Integer> {

    @Inject
    HealthAgent agent;

    @Override
    public Integer call() {
        agent.start();
        Quarkus.waitForExit();
        agent.stop();
        return 0;
    }
}
