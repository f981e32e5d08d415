package io.github.mssqlk8s.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Prepares fabric8's mock API server like a cluster with our CRD installed, and starts the operator on it. */
public final class MockCluster {

    /** Operators already started; Quarkus may share one application (and operator) between test classes. */
    private static final Set<Operator> STARTED = Collections.newSetFromMap(new IdentityHashMap<>());

    public static final Path CRD = Path.of("target/kubernetes/sqlservers.mssql.microsoft.com-v1.yml");

    private MockCluster() {
    }

    /**
     * Installs the CRD and starts the operator once per application. Never stop it in a test: stopping closes
     * the Kubernetes client the whole test application shares.
     */
    public static synchronized void startOperatorOnce(Operator operator, KubernetesClient client) {
        if (STARTED.add(operator)) {
            installCrd(client);
            operator.start();
        }
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
