package io.github.mssqlk8s.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Optional;

/** An API server a benchmark runs the application's processes against: fabric8's mock or the real kube-apiserver. */
interface BenchApiServer extends AutoCloseable {

    /** "the mock API server" or "the real kube-apiserver 1.34.4", for table titles. */
    String description();

    /** The benchmark's own client (all rights), in {@link #namespace()}. */
    KubernetesClient client();

    String namespace();

    /** The environment that points a process of the application at this server, as the operator's identity. */
    Map<String, String> environment();

    /** Requests from the application's processes whose path mentions {@code resource}, when the server tallies them. */
    Optional<Map<String, Long>> requestsFromOthers(String resource);

    @Override
    void close();
}
