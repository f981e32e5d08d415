package io.github.mssqlk8s.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.AvailabilityGroupStatus;
import io.github.mssqlk8s.api.AvailabilityMode;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.ha.HealthVerdict;
import io.github.mssqlk8s.ha.LeadershipView;
import io.github.mssqlk8s.ha.ReplicaId;
import io.github.mssqlk8s.ha.ReplicaReport;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.resources.AgentRbac;
import io.github.mssqlk8s.testing.TestResources;
import io.github.mssqlk8s.testing.apiserver.ApiTestNamespace;
import io.github.mssqlk8s.testing.apiserver.GeneratedManifests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agents' Kubernetes adapters on a real API server, each agent as its instance's ServiceAccount bound to the Role
 * the operator gives it (AgentRbac.agentsRole): the AG Lease's compare-and-swap, the AG ConfigMap's reports, pod labels,
 * status and Events. Anything outside that Role is a 403 and fails the test; what the Role must not allow is checked too.
 */
class AgentsUnderTheirRoleApiTest {

    private static final Duration LEASE = Duration.ofSeconds(10);

    @RegisterExtension
    final ApiTestNamespace api = ApiTestNamespace.create();

    private KubernetesClient admin;
    private KubernetesClient agents1;
    private KubernetesClient agents2;

    @BeforeEach
    void twoInstancesOfAg1WithTheirAgentsIdentities() {
        admin = api.admin();
        GeneratedManifests.installCrd(admin);
        SqlServer mssql1 = admin.resource(TestResources.sqlServer("mssql1", api.namespace(), AvailabilityGroupRef.named("ag1"))).create();
        SqlServer mssql2 = admin.resource(TestResources.sqlServer("mssql2", api.namespace(), AvailabilityGroupRef.named("ag1"))).create();
        agents1 = api.clientAs("mssql1-agents", AgentRbac.agentsRole(mssql1));
        agents2 = api.clientAs("mssql2-agents", AgentRbac.agentsRole(mssql2));
    }

    @Test
    void theLeaseIsACompareAndSwapBetweenTheAgents() throws Exception {
        Instant now = Instant.now();
        AgLease lease1 = new AgLease(agents1, api.namespace(), "ag1", LEASE);
        AgLease lease2 = new AgLease(agents2, api.namespace(), "ag1", LEASE);

        CompletableFuture<Optional<LeadershipView>> first = CompletableFuture.supplyAsync(() -> lease1.acquire("mssql1", now));
        CompletableFuture<Optional<LeadershipView>> second = CompletableFuture.supplyAsync(() -> lease2.acquire("mssql2", now));
        List<Optional<LeadershipView>> results = List.of(first.get(), second.get());

        assertThat(results.stream().filter(Optional::isPresent)).as("exactly one agent takes the Lease").hasSize(1);
        String holder = lease1.read().holder();
        AgLease holderLease = "mssql1".equals(holder) ? lease1 : lease2;
        AgLease otherLease = holderLease == lease1 ? lease2 : lease1;
        String other = "mssql1".equals(holder) ? "mssql2" : "mssql1";
        assertThat(otherLease.renew(other, now.plusSeconds(1))).as("the other cannot renew it").isEmpty();
        assertThat(otherLease.acquire(other, now.plusSeconds(1))).as("nor take it while it is held").isEmpty();
        assertThat(holderLease.renew(holder, now.plusSeconds(2))).as("the holder renews it").isPresent();
        assertThat(holderLease.release(holder)).isTrue();
        assertThat(otherLease.acquire(other, now.plusSeconds(3))).as("released, the other takes it").isPresent();
        assertThat(lease1.read().holder()).isEqualTo(other);
    }

    @Test
    void eachAgentPublishesItsReportInTheAgConfigMap() {
        ReplicaReport report1 = report("mssql1", ReplicaRole.PRIMARY);
        ReplicaReport report2 = report("mssql2", ReplicaRole.SECONDARY);

        new AgConfigMap(agents1, api.namespace(), "ag1").publishReport(report1);
        new AgConfigMap(agents2, api.namespace(), "ag1").publishReport(report2);
        new AgConfigMap(agents1, api.namespace(), "ag1").publishLeader(new LeaderEntry("mssql1", "mssql1", Instant.now(), null, Map.of(), "hold"));

        AgConfigMapState state = new AgConfigMap(agents2, api.namespace(), "ag1").read();
        assertThat(state.reports()).containsEntry("mssql1", report1).containsEntry("mssql2", report2);
        assertThat(state.leader().leader()).isEqualTo("mssql1");
        assertThat(state.problems()).isEmpty();
    }

    @Test
    void theAgentsLabelTheirPodWriteTheirStatusAndRecordEvents() {
        Pod pod = admin.pods().resource(new PodBuilder().withNewMetadata().withName("mssql1-0")
                .withLabels(Map.of(Labels.TYPE, Labels.TYPE_SQL_SERVER, Labels.NAME, "mssql1")).endMetadata()
                .withNewSpec().addNewContainer().withName("mssql-server").withImage("mcr.microsoft.com/mssql/server:2022-latest")
                .endContainer().endSpec().build()).create();

        new PodLabels(agents1, api.namespace(), "ag1").label(pod, "primary", "synchronousCommit");
        assertThat(admin.pods().withName("mssql1-0").get().getMetadata().getLabels())
                .containsEntry(Labels.role("ag1"), "primary").containsEntry(Labels.mode("ag1"), "synchronousCommit");

        assertThat(new SqlServerStatusWriter(agents1, api.namespace()).write("mssql1", entry("primary"))).isTrue();
        assertThat(admin.resources(SqlServer.class).withName("mssql1").get().getStatus().getAvailabilityGroups())
                .singleElement().satisfies(group -> assertThat(group.getRole()).isEqualTo("primary"));

        SqlServer mssql1 = agents1.resources(SqlServer.class).withName("mssql1").get();
        new EventRecorder(agents1, "ag-agent", Clock.systemUTC()).record(mssql1, "Normal", "Promoted", "mssql1 is the primary of ag1");
        assertThat(admin.v1().events().list().getItems()).extracting(Event::getReason).contains("Promoted");
    }

    @Test
    void anAgentCannotWriteAnotherInstancesStatus() {
        KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class,
                () -> new SqlServerStatusWriter(agents2, api.namespace()).write("mssql1", entry("primary")));

        assertThat(refused).as("mssql2's agents writing mssql1's status").isNotNull();
        assertThat(refused.getCode()).isEqualTo(403);
    }

    private static ReplicaReport report(String name, ReplicaRole role) {
        return new ReplicaReport(new ReplicaId(name, name + "-0", name + "-0", null, name, name + "-0." + name + "-hadr.ns.svc"),
                io.github.mssqlk8s.ha.AvailabilityMode.SYNCHRONOUS_COMMIT, role, 7L, Map.of(), null, null, false, HealthVerdict.healthy("ok"), null,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static AvailabilityGroupStatus entry(String role) {
        AvailabilityGroupStatus entry = new AvailabilityGroupStatus();
        entry.setName("ag1");
        entry.setRole(role);
        entry.setAvailabilityMode(AvailabilityMode.SYNCHRONOUS_COMMIT);
        return entry;
    }
}
