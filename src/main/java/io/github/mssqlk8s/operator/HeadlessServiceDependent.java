package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.Service;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.resources.HeadlessService;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = ApplyOnlyManagedFieldsStore.class))
class HeadlessServiceDependent extends BuiltDependent<Service> {

    HeadlessServiceDependent() {
        super(Service.class, HeadlessService::desired);
    }
}
