package io.github.mssqlk8s.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.mssqlk8s.api.AvailabilityGroupStatus;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.api.SqlServerStatus;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one AG's entry of {@code status.availabilityGroups} of a SqlServer, leaving every other entry and field
 * as it is: read, replace the entry, update the status with the read's resourceVersion, retry on a conflict.
 */
public class SqlServerStatusWriter {

    private static final int ATTEMPTS = 3;

    private final KubernetesClient client;
    private final String namespace;

    public SqlServerStatusWriter(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** False when the resource is gone or kept changing; throws when the API cannot be reached. */
    public boolean write(String sqlServerName, AvailabilityGroupStatus entry) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            SqlServer resource = client.resources(SqlServer.class).inNamespace(namespace).withName(sqlServerName).get();
            if (resource == null) {
                return false;
            }
            SqlServerStatus status = resource.getStatus() == null ? new SqlServerStatus() : resource.getStatus();
            List<AvailabilityGroupStatus> groups = new ArrayList<>(status.getAvailabilityGroups());
            groups.removeIf(g -> entry.getName().equals(g.getName()));
            groups.add(entry);
            groups.sort(java.util.Comparator.comparing(AvailabilityGroupStatus::getName));
            status.setAvailabilityGroups(groups);
            resource.setStatus(status);
            try {
                client.resources(SqlServer.class).inNamespace(namespace).resource(resource).updateStatus();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
            }
        }
        return false;
    }
}
