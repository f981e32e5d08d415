package io.github.mssqlk8s.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Optional;

/** Answers "can we reach the API server?" quickly and in one sentence, before a long-running mode starts. */
public final class ClusterConnection {

    private static final int PROBE_TIMEOUT_MILLIS = 5_000;

    private ClusterConnection() {
    }

    /** Empty when the API server answered; otherwise one readable sentence saying what failed. */
    public static Optional<String> problem(Config config) {
        try (KubernetesClient probe = new KubernetesClientBuilder().withConfig(failFast(config)).build()) {
            probe.getKubernetesVersion();
            return Optional.empty();
        } catch (RuntimeException unreachable) {
            return Optional.of("cannot reach the Kubernetes API at " + config.getMasterUrl() + ": "
                    + rootMessage(unreachable) + " (set KUBECONFIG, or run inside a cluster)");
        }
    }

    /**
     * A copy of the configuration without request retries: the shared client's retry backoff would hide a
     * failure for minutes. For callers that report failures at once and retry on their own.
     */
    public static Config failFast(Config config) {
        return new ConfigBuilder(config)
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(PROBE_TIMEOUT_MILLIS)
                .withRequestTimeout(PROBE_TIMEOUT_MILLIS)
                .build();
    }

    /** A new client on {@link #failFast(Config)}: for commands that say what failed at once (close it after use). */
    public static KubernetesClient failFastClient(KubernetesClient client) {
        return new KubernetesClientBuilder().withConfig(failFast(client.getConfiguration())).build();
    }

    /** The innermost cause's message: the part of an exception chain a person can act on. */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip();
    }
}
