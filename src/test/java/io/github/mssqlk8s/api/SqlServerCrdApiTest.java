package io.github.mssqlk8s.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.testing.apiserver.ApiTestNamespace;
import io.github.mssqlk8s.testing.apiserver.GeneratedManifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CRD the build generated, as a real kube-apiserver judges it: it must be accepted and served. */
class SqlServerCrdApiTest {

    @RegisterExtension
    final ApiTestNamespace api = ApiTestNamespace.create();

    @Test
    void theGeneratedCrdIsAcceptedAndBecomesEstablished() {
        KubernetesClient admin = api.admin();
        CustomResourceDefinition crd = GeneratedManifests.crd();

        assertThatCode(() -> admin.apiextensions().v1().customResourceDefinitions().resource(crd)
                .createOr(existing -> existing.update()))
                .as("kube-apiserver accepts target/kubernetes/" + GeneratedManifests.CRD.getFileName())
                .doesNotThrowAnyException();
        GeneratedManifests.awaitEstablished(admin, crd.getMetadata().getName());

        assertThat(admin.resources(SqlServer.class).inNamespace(api.namespace()).list().getItems())
                .as("the new kind is served in a namespace").isEmpty();
    }
}
