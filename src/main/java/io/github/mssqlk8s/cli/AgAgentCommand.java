package io.github.mssqlk8s.cli;

import picocli.CommandLine.Command;

@Command(name = "ag-agent", description = "Watch one AG replica: bootstrap, leadership, automatic failover, routing labels.")
public class AgAgentCommand extends UnbuiltMode {
}
