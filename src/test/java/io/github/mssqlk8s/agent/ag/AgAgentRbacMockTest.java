package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.resources.AgentRbac;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import io.github.mssqlk8s.testing.RbacAudit;
import io.github.mssqlk8s.testing.TestResources;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every API request the ag-agents make — bootstrap, reports, Lease, labels, status, Events, a failover and a
 * member leaving — is allowed by the agents' Role of the replica that made it.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class AgAgentRbacMockTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @Test
    void everyRequestOfTheAgentsIsAllowedByTheirRole() throws Exception {
        List<String> names = List.of("rbac1", "rbac2", "rbac3");
        try (AgScenarioHarness h = AgScenarioHarness.start(client, "agrbac", names)) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();
            Instant fault = h.crashSql(primary);
            h.awaitPrimaryOtherThan(primary);
            h.failoverTime(fault, primary);
            h.assertSafe();
        }
        var byAgent = RbacAudit.drainByUserAgent(server, "ag-agent/");
        assertThat(byAgent).containsOnlyKeys(names.stream().map(n -> "ag-agent/" + n).toList());
        for (String name : names) {
            List<PolicyRule> rules = AgentRbac.agentsRole(TestResources.sqlServer(name, client.getNamespace(),
                    AvailabilityGroupRef.named("agrbac"))).getRules();
            List<RbacAudit.ApiRequest> requests = byAgent.get("ag-agent/" + name);
            assertThat(requests).as(name + " made requests").isNotEmpty();
            assertThat(requests.stream().filter(r -> !RbacAudit.allowed(r, rules)).map(RbacAudit.ApiRequest::line)
                    .collect(Collectors.toSet())).as(name + ": requests its Role does not allow").isEmpty();
        }
    }
}
