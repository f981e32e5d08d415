package io.github.mssqlk8s.cli.kubectl;

import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.Option;

/** {@code -n NAMESPACE}, as kubectl spells it; by default the kubeconfig context's namespace. */
public class NamespaceOption {

    @Option(names = {"-n", "--namespace"}, description = "Namespace (default: the kubeconfig context's).")
    String namespace;

    String resolve(KubernetesClient client) {
        if (namespace != null && !namespace.isBlank()) {
            return namespace;
        }
        String current = client.getNamespace();
        return current == null ? "default" : current;
    }
}
