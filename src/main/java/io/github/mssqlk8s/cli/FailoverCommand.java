package io.github.mssqlk8s.cli;

import picocli.CommandLine.Command;

@Command(name = "failover", description = "Job: request a manual AG failover and wait for it.")
public class FailoverCommand extends UnbuiltMode {
}
