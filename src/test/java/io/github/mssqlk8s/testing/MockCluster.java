package io.github.mssqlk8s.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prepares fabric8's mock API server like a cluster with our CRD installed. */
public final class MockCluster {

    public static final Path CRD = Path.of("target/kubernetes/sqlservers.mssql.microsoft.com-v1.yml");

    private MockCluster() {
    }

    /** Registers the generated CRD, so the mock server serves the status subresource and generations. */
    public static void installCrd(KubernetesClient client) {
        try (InputStream in = Files.newInputStream(CRD)) {
            CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
            if (client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName()).get() == null) {
                client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
