package io.github.mssqlk8s.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.kube.ClusterConnection;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "operator",
        description = "Reconcile SqlServer resources into running instances.")
public class OperatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    KubernetesClient client;

    /**
     * Looked up only when this mode runs. picocli creates every subcommand in every mode, and the injected
     * {@link Operator}'s client proxy runs the Operator's constructor, which builds JOSDK's configuration and a
     * Kubernetes client of its own: thousands of classes the agents never use (scripts/bench agents).
     */
    @Inject
    Instance<Operator> operator;

    @Override
    public Integer call() {
        Optional<String> problem = ClusterConnection.problem(client.getConfiguration());
        if (problem.isPresent()) {
            spec.commandLine().getErr().println("operator: " + problem.get());
            return 1;
        }
        try {
            operator.get().start();
        } catch (RuntimeException startFailed) {
            spec.commandLine().getErr().println("operator: could not start: " + ClusterConnection.rootMessage(startFailed));
            return 1;
        }
        Quarkus.waitForExit();
        return 0;
    }
}
