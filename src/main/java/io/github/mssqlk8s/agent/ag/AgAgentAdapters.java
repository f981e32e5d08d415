package io.github.mssqlk8s.agent.ag;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.kube.AgConfigMap;
import io.github.mssqlk8s.kube.AgLease;
import io.github.mssqlk8s.kube.AgMembers;
import io.github.mssqlk8s.kube.EventRecorder;
import io.github.mssqlk8s.kube.PodLabels;
import io.github.mssqlk8s.kube.SqlServerStatusWriter;
import io.github.mssqlk8s.sql.AvailabilityGroupSql;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;

/** Everything an ag-agent talks to: the API server's objects, its SQL Server, the health agent, metrics. */
public record AgAgentAdapters(AgLease lease, AgConfigMap configMap, AgMembers members, PodLabels pods,
                              SqlServerStatusWriter status, EventRecorder events, AvailabilityGroupSql sql,
                              HealthVerdictSource health, MeterRegistry metrics) {

    /** The API adapters of one AG on {@code client}, with the agent's SQL Server, health verdict and meters. */
    public static AgAgentAdapters onCluster(KubernetesClient client, String namespace, String availabilityGroup,
                                            Duration leaseDuration, AvailabilityGroupSql sql, HealthVerdictSource health,
                                            MeterRegistry metrics) {
        return new AgAgentAdapters(
                new AgLease(client, namespace, availabilityGroup, leaseDuration),
                new AgConfigMap(client, namespace, availabilityGroup),
                new AgMembers(client, namespace, availabilityGroup),
                new PodLabels(client, namespace, availabilityGroup),
                new SqlServerStatusWriter(client, namespace),
                new EventRecorder(client, "ag-agent", Clock.systemUTC()),
                sql, health, metrics);
    }
}
