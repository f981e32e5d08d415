package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.config.LeaseSettings;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.resources.InstanceStatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import jakarta.inject.Inject;

@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = ApplyOnlyManagedFieldsStore.class))
class StatefulSetDependent extends CRUDKubernetesDependentResource<StatefulSet, SqlServer> {

    @Inject
    LeaseSettings leaseSettings;

    StatefulSetDependent() {
        super(StatefulSet.class);
    }

    @Override
    protected StatefulSet desired(SqlServer primary, Context<SqlServer> context) {
        return InstanceStatefulSet.desired(primary, leaseSettings);
    }
}
