package io.github.mssqlk8s.cli;

import picocli.CommandLine.Command;

@Command(name = "rotate-creds", description = "Job: rotate passwords, master key and certificate.")
public class RotateCredsCommand extends UnbuiltMode {
}
