package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.mssqlk8s.api.SqlServer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import java.util.function.Function;

/** An object kept equal to what a {@code resources} builder makes of the SqlServer: created, updated, collected. */
abstract class BuiltDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, SqlServer> {

    private final Function<SqlServer, R> builder;

    BuiltDependent(Class<R> type, Function<SqlServer, R> builder) {
        super(type);
        this.builder = builder;
    }

    @Override
    protected R desired(SqlServer primary, Context<SqlServer> context) {
        return builder.apply(primary);
    }
}
