package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.github.mssqlk8s.testing.apiserver.GeneratedManifests;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator's packaged manifest (target/kubernetes/kubernetes.yml, written by the packaging, hence a failsafe
 * test) without a server: the Deployment runs as the ServiceAccount its Role is bound to (review finding A2), and its
 * selector does not carry the version, which would make every upgrade's apply fail on an immutable field (A3).
 */
class OperatorManifestIT {

    private final List<HasMetadata> manifests = GeneratedManifests.operatorManifests();

    @Test
    void theDeploymentRunsAsTheServiceAccountItsRoleIsBoundTo() {
        Deployment deployment = only(Deployment.class);
        RoleBinding binding = only(RoleBinding.class);
        String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();

        assertThat(account).as("the Deployment's serviceAccountName").isEqualTo("mssql-operator");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(account);
        });
        assertThat(binding.getRoleRef().getName()).isEqualTo("mssql-operator");
        assertThat(only(ServiceAccount.class).getMetadata().getName()).as("the ServiceAccount is in the manifest").isEqualTo(account);
    }

    @Test
    void theDeploymentSelectorDoesNotChangeWithTheVersion() {
        Deployment deployment = only(Deployment.class);

        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .doesNotContainKey("app.kubernetes.io/version")
                .containsKey("app.kubernetes.io/name");
        assertThat(deployment.getSpec().getSelector().getMatchExpressions()).isNullOrEmpty();
    }

    private <T extends HasMetadata> T only(Class<T> kind) {
        List<T> found = manifests.stream().filter(kind::isInstance).map(kind::cast).toList();
        assertThat(found).as(kind.getSimpleName() + " in " + GeneratedManifests.OPERATOR).hasSize(1);
        return found.get(0);
    }
}
