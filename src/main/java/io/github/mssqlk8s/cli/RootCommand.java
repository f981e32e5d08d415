package io.github.mssqlk8s.cli;

import io.github.mssqlk8s.cli.kubectl.KubectlMssqlCommand;
import io.github.mssqlk8s.naming.Mode;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.quarkus.runtime.configuration.ConfigUtils;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mssql-k8s-agents}: with no subcommand, runs the mode that {@code QUARKUS_PROFILE} names. */
@TopCommand
@Command(name = "mssql-k8s-agents", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "High availability for SQL Server on Kubernetes. One image, one mode per role:",
        subcommands = {
            OperatorCommand.class,
            HealthAgentCommand.class,
            AgAgentSupervisorCommand.class,
            AgAgentCommand.class,
            InitSqlCommand.class,
            RotateCredsCommand.class,
            FailoverCommand.class,
            KubectlMssqlCommand.class,
            VersionCommand.class
        },
        footer = "%nWith no subcommand, the mode named by QUARKUS_PROFILE runs. The preview's paths "
                + "(/mssql-server-k8s-operator, ...) start the matching mode.")
public class RootCommand implements Callable<Integer> {

    static final int USAGE_ERROR = 2;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<Mode> fromProfile = ConfigUtils.getProfiles().stream()
                .map(Mode::named)
                .flatMap(Optional::stream)
                .findFirst();
        if (fromProfile.isEmpty()) {
            CommandLine commandLine = spec.commandLine();
            commandLine.getErr().println("mssql-k8s-agents: name a mode (a subcommand, or QUARKUS_PROFILE).");
            commandLine.usage(commandLine.getErr());
            return USAGE_ERROR;
        }
        return spec.commandLine().getSubcommands().get(fromProfile.get().modeName()).execute();
    }
}
