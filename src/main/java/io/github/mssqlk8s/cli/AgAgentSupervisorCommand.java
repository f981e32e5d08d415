package io.github.mssqlk8s.cli;

import picocli.CommandLine.Command;

@Command(name = "ag-agent-supervisor", description = "Run one ag-agent per availability group of the instance.")
public class AgAgentSupervisorCommand extends UnbuiltMode {
}
