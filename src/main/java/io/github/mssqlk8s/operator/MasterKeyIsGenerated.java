package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.Secret;
import io.github.mssqlk8s.api.SqlServer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The generated master key Secret is wanted only when the resource references none. */
public class MasterKeyIsGenerated implements Condition<Secret, SqlServer> {

    @Override
    public boolean isMet(DependentResource<Secret, SqlServer> dependentResource, SqlServer primary, Context<SqlServer> context) {
        return primary.getSpec().getMasterKeyPassword() == null;
    }
}
