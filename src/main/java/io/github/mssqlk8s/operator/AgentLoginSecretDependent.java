package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.Secret;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.resources.GeneratedSecrets;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.security.SecureRandom;

/** The agents' SQL login: a random password, generated once and never overwritten (rotate-creds changes it). */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = ApplyOnlyManagedFieldsStore.class))
class AgentLoginSecretDependent extends CreatedOnceDependent<Secret> {

    private static final SecureRandom RANDOM = new SecureRandom();

    AgentLoginSecretDependent() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(SqlServer primary, Context<SqlServer> context) {
        return GeneratedSecrets.agentLogin(primary, GeneratedSecrets.newPassword(RANDOM));
    }
}
