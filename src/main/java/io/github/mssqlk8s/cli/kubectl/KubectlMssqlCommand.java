package io.github.mssqlk8s.cli.kubectl;

import picocli.CommandLine.Command;

/**
 * {@code kubectl mssql}: commands for people at a workstation, with the kubeconfig's current context. The
 * {@code kubectl-mssql} launcher runs this group.
 */
@Command(name = "cli", description = "kubectl mssql: status, failover, rotate-creds.",
        mixinStandardHelpOptions = true,
        subcommands = {StatusCommand.class, FailoverCliCommand.class, RotateCredsCliCommand.class})
public class KubectlMssqlCommand {
}
