package io.github.mssqlk8s.testing.apiserver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where scripts/kube-testenv puts etcd, kube-apiserver and kubectl: {@code $KUBE_API_TEST_DIR/k8s/<version>-linux-amd64}
 * (default {@code ~/.kubeapitest}), the layout fabric8's kube-api-test reads too.
 */
public record KubeBinaries(Path directory) {

    /** The Kubernetes release the tier is pinned to; scripts/kube-testenv builds the same one. */
    public static final String VERSION = System.getProperty("apitest.kube.version", "1.34.4");

    public static Path expectedDirectory() {
        String cache = System.getenv("KUBE_API_TEST_DIR");
        Path root = cache == null || cache.isBlank() ? Path.of(System.getProperty("user.home"), ".kubeapitest") : Path.of(cache);
        return root.resolve("k8s").resolve(VERSION + "-linux-amd64");
    }

    /** The binaries, when all three are there and executable. */
    public static Optional<KubeBinaries> find() {
        KubeBinaries binaries = new KubeBinaries(expectedDirectory());
        boolean complete = Files.isExecutable(binaries.etcd()) && Files.isExecutable(binaries.kubeApiServer())
                && Files.isExecutable(binaries.kubectl());
        return complete ? Optional.of(binaries) : Optional.empty();
    }

    public Path etcd() {
        return directory.resolve("etcd");
    }

    public Path kubeApiServer() {
        return directory.resolve("kube-apiserver");
    }

    public Path kubectl() {
        return directory.resolve("kubectl");
    }
}
