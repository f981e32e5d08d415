package io.github.mssqlk8s.resources;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.naming.Ports;
import java.util.Map;

/** Gives the instance's pod its stable DNS name ({@code <name>-0.<name>-hadr.<ns>.svc}) for endpoint URLs. */
public final class HeadlessService {

    private HeadlessService() {
    }

    public static Service desired(SqlServer sqlServer) {
        return new ServiceBuilder()
                .withMetadata(Ownership.metadata(sqlServer, Names.headlessService(sqlServer), Components.DATABASE))
                .withNewSpec()
                .withClusterIP("None")
                // Replicas must find each other while SQL Server is still starting (seeding, recovery).
                .withPublishNotReadyAddresses(true)
                // The component tells SQL Server's pod from the init-sql and rotate-creds Job pods, which carry the
                // other two labels too; unlike type=sqlservr, no user label (initSQLPod.labels) can override it.
                .withSelector(Map.of(Labels.SQL_SERVER, Names.instance(sqlServer), Labels.MANAGED_BY, Labels.MANAGED_BY_US,
                        Labels.COMPONENT, Components.DATABASE))
                .withPorts(
                        new ServicePortBuilder().withName("sql").withPort(Ports.SQL).withNewTargetPort(Ports.SQL).build(),
                        new ServicePortBuilder().withName("hadr").withPort(Ports.HADR_ENDPOINT)
                                .withNewTargetPort(Ports.HADR_ENDPOINT).build())
                .endSpec()
                .build();
    }
}
