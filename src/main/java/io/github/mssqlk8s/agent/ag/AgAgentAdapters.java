package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.kube.AgConfigMap;
import io.github.mssqlk8s.kube.AgLease;
import io.github.mssqlk8s.kube.AgMembers;
import io.github.mssqlk8s.kube.EventRecorder;
import io.github.mssqlk8s.kube.PodLabels;
import io.github.mssqlk8s.kube.SqlServerStatusWriter;
import io.github.mssqlk8s.sql.AvailabilityGroupSql;
import io.micrometer.core.instrument.MeterRegistry;

/** Everything an ag-agent talks to: the API server's objects, its SQL Server, the health agent, metrics. */
public record AgAgentAdapters(AgLease lease, AgConfigMap configMap, AgMembers members, PodLabels pods,
                              SqlServerStatusWriter status, EventRecorder events, AvailabilityGroupSql sql,
                              HealthVerdictSource health, MeterRegistry metrics) {
}
