package io.github.mssqlk8s.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.config.AgentIdentity;
import io.github.mssqlk8s.config.FailoverSettings;
import io.github.mssqlk8s.job.failover.FailoverWorkflow;
import io.github.mssqlk8s.kube.ClusterConnection;
import io.github.mssqlk8s.naming.EnvironmentVariables;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The manual failover Job (contract §3). It reads the preview's environment as its options' defaults, so that a
 * Job manifest written for the preview needs no arguments.
 */
@Command(name = "failover", description = "Job: request a manual AG failover and wait for it.")
public class FailoverCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    KubernetesClient client;

    @Inject
    AgentIdentity identity;

    @Inject
    FailoverSettings settings;

    @Option(names = "--ag", defaultValue = "${env:" + EnvironmentVariables.AG_NAME + "}",
            description = "The availability group (MSSQL_K8S_AG_NAME); optional when the namespace has one.")
    String availabilityGroup;

    @Option(names = "--new-primary", defaultValue = "${env:" + EnvironmentVariables.NEW_PRIMARY + "}",
            description = "Pod, IP, StatefulSet, SqlServer or host name; !name excludes one (MSSQL_K8S_NEW_PRIMARY).")
    String newPrimary;

    @Option(names = "--force-failover-allow-data-loss", arity = "0..1", fallbackValue = "true",
            defaultValue = "${env:" + EnvironmentVariables.FORCE_FAILOVER_ALLOW_DATA_LOSS + ":-false}", converter = YesNo.class,
            description = "Promote a target that is not synchronized (FORCE_FAILOVER_ALLOW_DATA_LOSS).")
    boolean allowDataLoss;

    @Option(names = "--requested-by", defaultValue = "${env:HOSTNAME:-failover-job}", hidden = true)
    String requestedBy;

    @Override
    public Integer call() {
        StreamConsole console = new StreamConsole(spec.commandLine().getOut(), spec.commandLine().getErr(), "failover: ",
                "failover: ");
        String namespace = identity.namespace().filter(ns -> !ns.isBlank()).orElseGet(client::getNamespace);
        if (namespace == null) {
            console.failure("no namespace: set " + EnvironmentVariables.NAMESPACE
                    + " (from the downward API), or run in a pod or with a kubeconfig context that names one");
            return FailoverWorkflow.FAILED;
        }
        // Fail fast: the client's own retries would hide an unreachable API for minutes; the follow loop retries.
        try (KubernetesClient jobClient = ClusterConnection.failFastClient(client)) {
            return new FailoverWorkflow(jobClient, namespace, settings, Clock.systemUTC(), console)
                    .run(new FailoverWorkflow.Request(availabilityGroup, newPrimary, allowDataLoss, requestedBy));
        }
    }
}
