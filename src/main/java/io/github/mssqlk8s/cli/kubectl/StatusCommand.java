package io.github.mssqlk8s.cli.kubectl;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.mssqlk8s.kube.ClusterConnection;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "Show the AGs' replicas, roles, synchronization, leader and last failover.")
public class StatusCommand implements Callable<Integer> {

    enum Format { table, json }

    @Spec
    CommandSpec spec;

    @Inject
    KubernetesClient client;

    @Mixin
    NamespaceOption namespace;

    @Option(names = "--ag", description = "Only this availability group (default: every AG of the namespace).")
    String availabilityGroup;

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        String ns = namespace.resolve(client);
        List<AgStatus> groups;
        String rollout;
        try (KubernetesClient failFast = ClusterConnection.failFastClient(client)) {
            groups = AgStatus.read(failFast, ns, availabilityGroup);
            rollout = format == Format.table ? RolloutLine.read(failFast, ns).orElse("") : "";
        } catch (KubernetesClientException failed) {
            spec.commandLine().getErr().println("status: cannot read namespace " + ns + ": " + ClusterConnection.rootMessage(failed));
            return 1;
        }
        spec.commandLine().getOut().print(rollout);
        spec.commandLine().getOut().print(format == Format.json
                ? StatusJson.render(ns, groups, clock.instant())
                : StatusTable.render(groups, clock.instant()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
