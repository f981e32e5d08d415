package io.github.mssqlk8s.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.api.SqlServerStatus;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.ArrayList;

/**
 * The init-sql Job's outcome on its SqlServer: the {@code InitSqlSucceeded} condition (only that one, written
 * through the status subresource with the resource's version and retried on a conflict, so the operator's
 * conditions are kept) and an Event. Callers pass sentences without secret values.
 */
public class InitSqlReport {

    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;
    private final EventRecorder events;
    private final Clock clock;

    public InitSqlReport(KubernetesClient client, Clock clock) {
        this.client = client;
        this.events = new EventRecorder(client, "init-sql", clock);
        this.clock = clock;
    }

    public void succeeded(String namespace, String name, long generation) {
        write(namespace, name, generation, true, Conditions.INIT_SQL_CONFIGURED,
                "init-sql configured the instance for generation " + generation + ".");
    }

    public void failed(String namespace, String name, long generation, String step, String reason) {
        write(namespace, name, generation, false, Conditions.INIT_SQL_STEP_FAILED,
                "init-sql failed at step " + step + " for generation " + generation + ": " + reason);
    }

    private void write(String namespace, String name, long generation, boolean success, String reason, String message) {
        SqlServer written = null;
        for (int attempt = 1; written == null; attempt++) {
            SqlServer resource = client.resources(SqlServer.class).inNamespace(namespace).withName(name).get();
            if (resource == null) {
                return;
            }
            SqlServerStatus status = resource.getStatus() == null ? new SqlServerStatus() : resource.getStatus();
            status.setConditions(new ArrayList<>(status.getConditions()));
            Conditions.set(status.getConditions(), Conditions.INIT_SQL_SUCCEEDED, success, reason, message, generation,
                    clock.instant());
            resource.setStatus(status);
            try {
                written = client.resources(SqlServer.class).inNamespace(namespace).resource(resource).updateStatus();
            } catch (KubernetesClientException conflict) {
                if (conflict.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= ATTEMPTS) {
                    throw conflict;
                }
            }
        }
        events.record(written, success ? EventRecorder.NORMAL : EventRecorder.WARNING, reason, message);
    }
}
