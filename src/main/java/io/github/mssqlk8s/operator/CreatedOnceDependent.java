package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.mssqlk8s.api.SqlServer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;

/**
 * An object created when absent and never changed or deleted by the workflow afterwards: generated Secrets
 * (never overwritten) and init-sql Jobs (one per generation). Owner references let Kubernetes collect them.
 */
abstract class CreatedOnceDependent<R extends HasMetadata> extends KubernetesDependentResource<R, SqlServer>
        implements Creator<R, SqlServer> {

    CreatedOnceDependent(Class<R> type) {
        super(type);
    }

    /**
     * A plain create, not server-side apply: the object is never updated, so apply would buy nothing, and JOSDK's
     * apply-to-create is a PATCH, which the operator's Role does not grant on Jobs (OperatorReconcileApiTest).
     */
    @Override
    protected boolean useSSA(Context<SqlServer> context) {
        return false;
    }

    /** JOSDK adds owner references only to collected dependents by default; these must go with their SqlServer too. */
    @Override
    protected boolean addOwnerReference() {
        return true;
    }

    /**
     * JOSDK finds a dependent that is not collected by annotations naming its primary; with an owner reference
     * added it would write only that, and then not find what it created. Write both.
     */
    @Override
    protected void addReferenceHandlingMetadata(R desired, SqlServer primary) {
        super.addReferenceHandlingMetadata(desired, primary);
        addSecondaryToPrimaryMapperAnnotations(desired, primary);
    }
}
