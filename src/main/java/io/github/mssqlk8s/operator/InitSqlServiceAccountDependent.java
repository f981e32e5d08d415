package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.resources.AgentRbac;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = ApplyOnlyManagedFieldsStore.class))
class InitSqlServiceAccountDependent extends BuiltDependent<ServiceAccount> {

    InitSqlServiceAccountDependent() {
        super(ServiceAccount.class, AgentRbac::initSqlServiceAccount);
    }
}
