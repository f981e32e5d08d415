package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.mssqlk8s.testing.apiserver.ApiTestNamespace;
import io.github.mssqlk8s.testing.apiserver.GeneratedManifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator's packaged manifest on a real kube-apiserver: installed, then upgraded to a next release. */
class OperatorDeploymentApiTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    @RegisterExtension
    final ApiTestNamespace api = ApiTestNamespace.create();

    @Test
    void everyObjectOfTheManifestIsAccepted() {
        KubernetesClient admin = api.admin();
        for (HasMetadata object : GeneratedManifests.operatorManifests()) {
            assertThatCode(() -> admin.resource(object).inNamespace(api.namespace()).create())
                    .as(object.getKind() + " " + object.getMetadata().getName()).doesNotThrowAnyException();
        }
        assertThat(admin.apps().deployments().withName("mssql-operator").get().getSpec().getTemplate().getSpec()
                .getServiceAccountName()).isEqualTo("mssql-operator");
        assertThat(admin.serviceAccounts().withName("mssql-operator").get()).as("the ServiceAccount it runs as").isNotNull();
    }

    /** The next release's manifest differs in its version labels and image; its apply must not hit the immutable selector. */
    @Test
    void theNextReleasesDeploymentIsAnAcceptedUpdate() {
        KubernetesClient admin = api.admin();
        Deployment current = GeneratedManifests.operatorManifests().stream().filter(Deployment.class::isInstance)
                .map(Deployment.class::cast).findFirst().orElseThrow();
        String version = current.getMetadata().getLabels().get("app.kubernetes.io/version");
        assertThat(version).as("the manifest's version label").isNotBlank();
        admin.resource(current).inNamespace(api.namespace()).create();

        Deployment next = JSON.unmarshal(JSON.asJson(current).replace(version, version + "-next"), Deployment.class);
        assertThatCode(() -> admin.resource(next).inNamespace(api.namespace()).update())
                .as("kubectl apply of the next release's Deployment").doesNotThrowAnyException();
        assertThat(admin.apps().deployments().withName("mssql-operator").get().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/version", version + "-next");
    }
}
