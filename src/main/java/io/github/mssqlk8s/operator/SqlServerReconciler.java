package io.github.mssqlk8s.operator;

import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.api.SqlServerStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Objects;

/**
 * Watches SqlServer resources. This version only acknowledges them: it records the generation it saw and says
 * plainly, in the {@code Reconciled} condition, that it does not create the instance yet.
 */
@ControllerConfiguration(name = SqlServerReconciler.NAME)
public class SqlServerReconciler implements Reconciler<SqlServer> {

    public static final String NAME = "sqlserver";
    static final String RECONCILED = "Reconciled";

    private final Clock clock = Clock.systemUTC();

    @Override
    public UpdateControl<SqlServer> reconcile(SqlServer resource, Context<SqlServer> context) {
        SqlServerStatus before = resource.getStatus() == null ? new SqlServerStatus() : resource.getStatus();
        SqlServerStatus after = new SqlServerStatus();
        after.setConditions(new ArrayList<>(before.getConditions()));
        after.setAvailabilityGroups(before.getAvailabilityGroups());
        Long generation = resource.getMetadata().getGeneration();
        after.setObservedGeneration(generation);
        Conditions.set(after.getConditions(), RECONCILED, false, "NotBuiltYet",
                "This operator version records SqlServer resources but does not create instances yet.",
                generation, clock.instant());
        if (Objects.equals(before.getObservedGeneration(), after.getObservedGeneration())
                && before.getConditions().equals(after.getConditions())) {
            return UpdateControl.noUpdate();
        }
        resource.setStatus(after);
        return UpdateControl.patchStatus(resource);
    }
}
