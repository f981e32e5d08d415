package io.github.mssqlk8s.cli;

import picocli.CommandLine.Command;

@Command(name = "health-agent", description = "Answer the SQL Server container's probes from sp_server_diagnostics and the monitor policy.")
public class HealthAgentCommand extends UnbuiltMode {
}
