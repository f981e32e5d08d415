package io.github.mssqlk8s.testing.apiserver;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What the build wrote into target/kubernetes, as the API server gets it, and the CRD's installation. */
public final class GeneratedManifests {

    public static final Path CRD = Path.of("target/kubernetes/sqlservers.mssql.microsoft.com-v1.yml");
    public static final Path OPERATOR = Path.of("target/kubernetes/kubernetes.yml");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static boolean crdInstalled;

    private GeneratedManifests() {
    }

    public static CustomResourceDefinition crd() {
        return SERIALIZATION.unmarshal(read(CRD), CustomResourceDefinition.class);
    }

    /** Every document of target/kubernetes/kubernetes.yml: Deployment, Service, ServiceAccount, Role, RoleBinding. */
    public static List<HasMetadata> operatorManifests() {
        return load(OPERATOR);
    }

    /** The documents of a YAML file (examples/, README blocks), typed where fabric8 knows the kind. */
    public static List<HasMetadata> load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Object loaded = SERIALIZATION.unmarshal(in);
            @SuppressWarnings("unchecked")
            List<HasMetadata> documents = loaded instanceof List<?> list ? (List<HasMetadata>) list : List.of((HasMetadata) loaded);
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Installs the generated CRD (once per JVM) and waits until the server serves it. */
    public static synchronized void installCrd(KubernetesClient admin) {
        if (!crdInstalled) {
            CustomResourceDefinition crd = crd();
            admin.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(existing -> existing.update());
            awaitEstablished(admin, crd.getMetadata().getName());
            crdInstalled = true;
        }
    }

    public static void awaitEstablished(KubernetesClient admin, String name) {
        await("CRD " + name + " Established").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    CustomResourceDefinition stored = admin.apiextensions().v1().customResourceDefinitions().withName(name).get();
                    return stored != null && stored.getStatus() != null && stored.getStatus().getConditions().stream()
                            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
                });
    }

    private static String read(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: *ApiTest runs after package (./mvnw -B verify)");
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
