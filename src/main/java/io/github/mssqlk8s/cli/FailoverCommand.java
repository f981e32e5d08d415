package io.github.mssqlk8s.cli;

import picocli.CommandLine.Command;

@Command(name = "failover", description = "Job: ask the AG agents for a manual failover and wait for the outcome.")
public class FailoverCommand extends UnbuiltMode {
}
