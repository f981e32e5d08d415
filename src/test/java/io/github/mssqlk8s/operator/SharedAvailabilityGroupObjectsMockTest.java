package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.kube.AgLease;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.resources.AvailabilityGroupObjects;
import io.github.mssqlk8s.testing.TestResources;
import java.time.Duration;
import java.time.Instant;
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

    /**
     * Review finding C: the agents create their AG's Lease and ConfigMap; the operator makes every member an owner, so
     * the garbage collector removes them with the last member, and the last member leaving deletes them. A takeover
     * of the Lease (a full update by the agent) keeps the owners.
     */
    @Test
    void theAgentsLeaseAndConfigMapAreOwnedByEveryMemberAndGoWithTheLast() {
        SharedAvailabilityGroupObjects shared = new SharedAvailabilityGroupObjects(client);
        String ns = client.getNamespace();
        SqlServer first = member("lease1", "aglease");
        SqlServer second = member("lease2", "aglease");
        AgLease lease = new AgLease(client, ns, "aglease", Duration.ofSeconds(10));
        assertThat(lease.acquire("lease1-0", Instant.parse("2026-12-03T10:00:00Z"))).isPresent();
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
                .withName(Names.availabilityGroupConfigMap("aglease")).addToLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_US)
                .endMetadata().build()).create();

        shared.reconcile(first, List.of(first, second));
        assertThat(leaseOwners()).containsExactly("lease1", "lease2");
        assertThat(configMapOwners()).containsExactly("lease1", "lease2");

        assertThat(lease.acquire("lease1-0", Instant.parse("2026-12-03T10:00:05Z"))).as("the holder writes the whole Lease").isPresent();
        assertThat(leaseOwners()).as("owners after the agent's write").containsExactly("lease1", "lease2");

        shared.releaseAll(first);
        assertThat(leaseOwners()).containsExactly("lease2");
        assertThat(configMapOwners()).containsExactly("lease2");
        shared.releaseAll(second);
        assertThat(client.leases().inNamespace(ns).withName(Names.availabilityGroupLease("aglease")).get()).isNull();
        assertThat(client.configMaps().inNamespace(ns).withName(Names.availabilityGroupConfigMap("aglease")).get()).isNull();
    }

    private static List<String> leaseOwners() {
        return client.leases().inNamespace(client.getNamespace()).withName(Names.availabilityGroupLease("aglease")).get()
                .getMetadata().getOwnerReferences().stream().map(OwnerReference::getName).toList();
    }

    private static List<String> configMapOwners() {
        return client.configMaps().inNamespace(client.getNamespace()).withName(Names.availabilityGroupConfigMap("aglease")).get()
                .getMetadata().getOwnerReferences().stream().map(OwnerReference::getName).toList();
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
