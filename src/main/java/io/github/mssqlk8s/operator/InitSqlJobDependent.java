package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.resources.InitSqlJob;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The init-sql Job of the current generation: its name carries the generation, so each spec gets one run. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = ApplyOnlyManagedFieldsStore.class))
class InitSqlJobDependent extends CreatedOnceDependent<Job> {

    InitSqlJobDependent() {
        super(Job.class);
    }

    @Override
    protected Job desired(SqlServer primary, Context<SqlServer> context) {
        return InitSqlJob.desired(primary);
    }
}
