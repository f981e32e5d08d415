package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * The dependents' informer caches keep, of each object's managedFields, only the entries written by server-side
 * apply: JOSDK's SSA matcher compares the desired object with the fields our Apply entry owns, and nothing reads the
 * other managers' entries (kube-controller-manager's status updates, kubectl's edits) from the cache. Those entries
 * were most of the operator's heap — nested maps per field — about 0.3 MiB per SqlServer (scripts/bench operator).
 * Objects are read from the cache, never written back from it, so the pruning stays in this process.
 */
public class ApplyOnlyManagedFieldsStore<R extends HasMetadata> extends BasicItemStore<R> {

    static final String APPLY = "Apply";

    public ApplyOnlyManagedFieldsStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public R put(String key, R object) {
        if (object.getMetadata() != null && object.getMetadata().getManagedFields() != null) {
            object.getMetadata().getManagedFields().removeIf(entry -> !APPLY.equals(entry.getOperation()));
        }
        return super.put(key, object);
    }
}
