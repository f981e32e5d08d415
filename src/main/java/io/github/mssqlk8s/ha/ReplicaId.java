package io.github.mssqlk8s.ha;

import java.util.Objects;
import java.util.stream.Stream;

/**
 * Every name a replica answers to. {@link #name()} (the SqlServer resource name, unique in the namespace)
 * is the identity used in decisions, reports and tie-breaks.
 *
 * @param sqlServerName     the SqlServer resource; the identity
 * @param replicaServerName {@code replica_server_name} in the AG ({@code @@SERVERNAME})
 * @param podName           the SQL Server pod
 * @param podIp             the pod's IP, null when unknown
 * @param statefulSetName   the StatefulSet running the pod
 * @param endpointHost      host name used in the mirroring endpoint URL
 */
public record ReplicaId(String sqlServerName, String replicaServerName, String podName, String podIp,
                        String statefulSetName, String endpointHost) {

    public ReplicaId {
        Objects.requireNonNull(sqlServerName, "sqlServerName");
        Objects.requireNonNull(replicaServerName, "replicaServerName");
    }

    public String name() {
        return sqlServerName;
    }

    /**
     * Whether {@code target} names this replica by any of its names (case-insensitive: DNS and SQL
     * Server names are). The first label of the endpoint host counts as a host name too.
     */
    public boolean answersTo(String target) {
        return names().anyMatch(n -> n.equalsIgnoreCase(target));
    }

    /** A short description listing the names a user may use, for refusals. */
    public String describe() {
        StringBuilder sb = new StringBuilder(sqlServerName);
        if (podName != null) {
            sb.append(" (pod ").append(podName).append(podIp != null ? ", " + podIp : "").append(')');
        }
        return sb.toString();
    }

    private Stream<String> names() {
        String shortHost = endpointHost == null ? null : endpointHost.split("\\.", 2)[0];
        return Stream.of(sqlServerName, replicaServerName, podName, podIp, statefulSetName, endpointHost, shortHost)
                .filter(Objects::nonNull);
    }
}
