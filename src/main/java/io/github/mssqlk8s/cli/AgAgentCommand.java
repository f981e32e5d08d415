package io.github.mssqlk8s.cli;

import picocli.CommandLine.Command;

@Command(name = "ag-agent", description = "Keep one AG replica: bootstrap, leadership, failover.")
public class AgAgentCommand extends UnbuiltMode {
}
