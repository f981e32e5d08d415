package io.github.mssqlk8s.cli;

import picocli.CommandLine.Command;

@Command(name = "rotate-creds", description = "Job: rotate the sa and agent passwords, master key and mirroring certificate.")
public class RotateCredsCommand extends UnbuiltMode {
}
