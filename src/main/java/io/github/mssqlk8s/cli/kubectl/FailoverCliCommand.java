package io.github.mssqlk8s.cli.kubectl;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.cli.StreamConsole;
import io.github.mssqlk8s.config.FailoverSettings;
import io.github.mssqlk8s.job.failover.FailoverWorkflow;
import io.github.mssqlk8s.kube.ClusterConnection;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The failover Job's workflow from a workstation, with the same checks and the same progress lines. */
@Command(name = "failover", description = "Switch the AG's primary to another replica and follow it to the end.")
public class FailoverCliCommand implements Callable<Integer> {

    static final String REQUESTED_BY = "kubectl-mssql";

    @Spec
    CommandSpec spec;

    @Inject
    KubernetesClient client;

    @Inject
    FailoverSettings settings;

    @Mixin
    NamespaceOption namespace;

    @Parameters(index = "0", paramLabel = "AG", description = "The availability group.")
    String availabilityGroup;

    @Option(names = "--to", paramLabel = "TARGET",
            description = "Pod, IP, StatefulSet, SqlServer or host name; !NAME for any synchronized replica but NAME "
                    + "(default: the best synchronized secondary).")
    String target;

    @Option(names = "--force", description = "Allow a target that is not synchronized: data may be lost.")
    boolean force;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        StreamConsole console = new StreamConsole(spec.commandLine().getOut(), spec.commandLine().getErr(), "",
                "failover: ");
        try (KubernetesClient failFast = ClusterConnection.failFastClient(client)) {
            return new FailoverWorkflow(failFast, namespace.resolve(client), settings, clock, console)
                    .run(new FailoverWorkflow.Request(availabilityGroup, target, force, REQUESTED_BY));
        }
    }
}
