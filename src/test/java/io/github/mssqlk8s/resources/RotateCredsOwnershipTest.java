package io.github.mssqlk8s.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.github.mssqlk8s.api.SecretKeyRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.testing.TestResources;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Review finding C: what {@code kubectl mssql rotate-creds} creates goes with the instance when it is deleted. */
class RotateCredsOwnershipTest {

    @Test
    void theJobAndItsIdentityAreOwnedByTheSqlServerWithoutControllingIt() {
        SqlServer resource = TestResources.sqlServer("mssql1", "ns1");
        resource.getMetadata().setUid("uid-of-mssql1");
        RotateCredsJob.Request request = new RotateCredsJob.Request(new SecretKeyRef("new-sa", "password"), null, null, false);
        List<HasMetadata> created = new ArrayList<>(ApiValidObjects.valid(RotateCredsJob.identity(resource)));
        created.add(ApiValidObjects.valid(RotateCredsJob.desired(resource, request)));

        assertThat(created).extracting(HasMetadata::getKind).containsExactly("ServiceAccount", "Role", "RoleBinding", "Job");
        assertThat(created).allSatisfy(object -> assertThat(object.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> {
                    assertThat(owner.getKind()).isEqualTo("SqlServer");
                    assertThat(owner.getName()).isEqualTo("mssql1");
                    assertThat(owner.getUid()).isEqualTo("uid-of-mssql1");
                    // not the controller: the operator's Job informer must not take it for an init-sql Job of its own
                    assertThat(owner.getController()).isNotEqualTo(Boolean.TRUE);
                }));
        assertThat(created).extracting(object -> object.getMetadata().getOwnerReferences().get(0))
                .extracting(OwnerReference::getApiVersion).containsOnly("mssql.microsoft.com/v1");
    }
}
