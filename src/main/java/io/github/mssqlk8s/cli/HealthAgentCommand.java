package io.github.mssqlk8s.cli;

import picocli.CommandLine.Command;

@Command(name = "health-agent", description = "Serve SQL Server's health probes by its monitor policy.")
public class HealthAgentCommand extends UnbuiltMode {
}
