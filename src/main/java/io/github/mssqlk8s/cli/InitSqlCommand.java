package io.github.mssqlk8s.cli;

import picocli.CommandLine.Command;

@Command(name = "init-sql", description = "Job: bring an instance to its desired SQL state.")
public class InitSqlCommand extends UnbuiltMode {
}
