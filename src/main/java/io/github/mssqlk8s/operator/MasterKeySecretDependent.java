package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.Secret;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.resources.GeneratedSecrets;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.security.SecureRandom;

/** A master key password for a resource that names none: generated once, never overwritten. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = ApplyOnlyManagedFieldsStore.class))
class MasterKeySecretDependent extends CreatedOnceDependent<Secret> {

    private static final SecureRandom RANDOM = new SecureRandom();

    MasterKeySecretDependent() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(SqlServer primary, Context<SqlServer> context) {
        return GeneratedSecrets.masterKey(primary, GeneratedSecrets.newPassword(RANDOM));
    }
}
