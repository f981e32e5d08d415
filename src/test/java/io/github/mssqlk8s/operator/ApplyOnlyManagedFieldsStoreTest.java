package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dependents' caches keep the entries JOSDK's server-side-apply matcher reads, and drop the rest. */
class ApplyOnlyManagedFieldsStoreTest {

    @Test
    void onlyTheServerSideApplyEntriesStayInTheCache() {
        StatefulSet set = new StatefulSetBuilder().withNewMetadata().withName("mssql1").withNamespace("ns")
                .withManagedFields(new ArrayList<>(List.of(
                        entry("sqlserver", "Apply"),
                        entry("kube-controller-manager", "Update"),
                        entry("kubectl-rollout", "Update"))))
                .endMetadata().build();
        ApplyOnlyManagedFieldsStore<StatefulSet> store = new ApplyOnlyManagedFieldsStore<>();

        store.put(store.getKey(set), set);

        assertThat(store.get("ns/mssql1").getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .containsExactly("sqlserver");
    }

    @Test
    void anObjectWithoutManagedFieldsIsStoredAsItIs() {
        StatefulSet set = new StatefulSetBuilder().withNewMetadata().withName("mssql2").withNamespace("ns").endMetadata().build();
        ApplyOnlyManagedFieldsStore<StatefulSet> store = new ApplyOnlyManagedFieldsStore<>();

        store.put(store.getKey(set), set);

        assertThat(store.get("ns/mssql2")).isSameAs(set);
    }

    private static ManagedFieldsEntry entry(String manager, String operation) {
        return new ManagedFieldsEntryBuilder().withManager(manager).withOperation(operation).withApiVersion("apps/v1").build();
    }
}
