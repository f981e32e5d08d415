package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.resources.AvailabilityGroupObjects;
import io.github.mssqlk8s.testing.TestResources;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Members of one AG are reconciled in parallel; each works from its own (possibly old) view. Owner edits of the
 * shared objects must never drop a member another reconcile added, nor delete an object a member just joined.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class SharedAvailabilityGroupObjectsMockTest {

    static KubernetesClient client;

    private static SqlServer member(String name, String group) {
        SqlServer resource = TestResources.sqlServer(name, client.getNamespace(), AvailabilityGroupRef.named(group));
        resource.getMetadata().setUid("uid-" + name);
        return resource;
    }

    private static List<String> owners(String service) {
        Service found = client.services().inNamespace(client.getNamespace()).withName(service).get();
        return found == null ? List.of() : found.getMetadata().getOwnerReferences().stream().map(owner -> owner.getName()).toList();
    }

    @Test
    void aMemberThatDoesNotYetSeeAnotherKeepsItAsOwner() {
        SharedAvailabilityGroupObjects shared = new SharedAvailabilityGroupObjects(client);
        SqlServer first = member("own1", "agown");
        SqlServer second = member("own2", "agown");
        shared.reconcile(second, List.of(second));

        // first's cache has not seen second yet
        shared.reconcile(first, List.of(first));

        assertThat(owners("agown-primary")).containsExactlyInAnyOrder("own1", "own2");
    }

    @Test
    void releasingFromAnOldReadKeepsAMemberThatJoinedSince() {
        SharedAvailabilityGroupObjects shared = new SharedAvailabilityGroupObjects(client);
        SqlServer leaving = member("rel1", "agrel");
        SqlServer joining = member("rel2", "agrel");
        shared.reconcile(leaving, List.of(leaving));
        Service seenBeforeTheJoin = client.services().inNamespace(client.getNamespace()).withName("agrel-primary").get();
        shared.reconcile(joining, List.of(leaving, joining));

        shared.releaseOne(seenBeforeTheJoin, "uid-rel1");

        assertThat(owners("agrel-primary")).as("still routed for the member that joined").containsExactly("rel2");
    }

    @Test
    void theLastOwnerDeletesAndTheNamespaceBudgetGoesWithTheLastAgMember() {
        SharedAvailabilityGroupObjects shared = new SharedAvailabilityGroupObjects(client);
        SqlServer only = member("last1", "aglast");
        shared.reconcile(only, List.of(only));
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace(client.getNamespace()).withName("mssql-ag-members")
                .get()).isNotNull();

        shared.releaseAll(only);

        assertThat(owners("aglast-primary")).isEmpty();
        assertThat(client.services().inNamespace(client.getNamespace()).withName("aglast-primary").get()).isNull();
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace(client.getNamespace()).withName("mssql-ag-members")
                .get()).isNull();
    }

    @Test
    void aSingleInstanceGetsNoBudgetAndNoAgObjects() {
        SharedAvailabilityGroupObjects shared = new SharedAvailabilityGroupObjects(client);
        SqlServer single = TestResources.sqlServer("single1", client.getNamespace());
        single.getMetadata().setUid("uid-single1");
        int servicesBefore = client.services().inNamespace(client.getNamespace()).list().getItems().size();

        assertThat(shared.reconcile(single, List.of(single))).isEmpty();

        assertThat(client.services().inNamespace(client.getNamespace()).list().getItems()).hasSize(servicesBefore);
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace(client.getNamespace()).list().getItems())
                .noneMatch(budget -> budget.getMetadata().getOwnerReferences().stream()
                        .anyMatch(owner -> "single1".equals(owner.getName())));
        assertThat(AvailabilityGroupObjects.AVAILABILITY_GROUP_LABEL).isNotEmpty();
    }
}
