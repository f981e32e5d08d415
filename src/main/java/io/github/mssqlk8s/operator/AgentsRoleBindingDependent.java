package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.resources.AgentRbac;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = ApplyOnlyManagedFieldsStore.class))
class AgentsRoleBindingDependent extends BuiltDependent<RoleBinding> {

    AgentsRoleBindingDependent() {
        super(RoleBinding.class, AgentRbac::agentsRoleBinding);
    }
}
