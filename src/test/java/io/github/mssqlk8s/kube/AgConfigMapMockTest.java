package io.github.mssqlk8s.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.ha.ReplicaReport;
import io.github.mssqlk8s.naming.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The AG ConfigMap protocol against fabric8's mock API server: agents patch their keys, the Job updates. */
@EnableKubernetesMockClient(crud = true, https = false)
class AgConfigMapMockTest {

    static KubernetesClient client;

    static final Instant T0 = AgConfigMapCodecTest.T0;

    @Test
    void agentsCreateTheConfigMapAndEachPatchesOnlyItsOwnKey() {
        AgConfigMap configMap = new AgConfigMap(client, client.getNamespace(), "agcm1");
        ReplicaReport first = AgConfigMapCodecTest.primaryReport();
        ReplicaReport second = withName(first, "mssql2");

        configMap.publishReport(first);
        configMap.publishReport(second);
        configMap.publishLeader(new LeaderEntry("mssql1", "mssql1", T0, null, Map.of(), "hold"));
        configMap.publishReport(first);

        ConfigMap stored = client.configMaps().inNamespace(client.getNamespace()).withName("agcm1").get();
        assertThat(stored.getMetadata().getLabels()).containsEntry(Labels.MANAGED_BY, Labels.MANAGED_BY_US);
        assertThat(stored.getData()).containsOnlyKeys("replica.mssql1", "replica.mssql2", "leader");
        AgConfigMapState state = configMap.read();
        assertThat(state.reports()).containsEntry("mssql1", first).containsEntry("mssql2", second);
        assertThat(state.leader().leader()).isEqualTo("mssql1");
        assertThat(state.reportsExcept("mssql1")).containsExactly(second);
        assertThat(state.problems()).isEmpty();
    }

    @Test
    void anUnreadableValueIsNamedAndTheRestIsStillRead() {
        AgConfigMap configMap = new AgConfigMap(client, client.getNamespace(), "agcm2");
        configMap.publishReport(AgConfigMapCodecTest.primaryReport());
        client.configMaps().inNamespace(client.getNamespace()).withName("agcm2")
                .edit(cm -> { cm.getData().put("replica.broken", "{oops"); return cm; });

        AgConfigMapState state = configMap.read();

        assertThat(state.reports()).containsOnlyKeys("mssql1");
        assertThat(state.problems()).singleElement().asString().startsWith("replica.broken: ");
    }

    @Test
    void theJobSubmitsOneRequestAtATimeAndOnlyToAnExistingConfigMap() {
        AgConfigMap configMap = new AgConfigMap(client, client.getNamespace(), "agcm3");
        FailoverRequestEntry request = new FailoverRequestEntry("r1", "mssql2-0", "mssql2", false, T0, "failover-abc");
        Duration timeout = AgConfigMap.DEFAULT_REQUEST_TIMEOUT;

        AgConfigMap.Submission absent = configMap.submitRequest(request, T0, timeout);
        assertThat(absent.submitted()).isFalse();
        assertThat(absent.refusal()).contains("ConfigMap agcm3 not found", "agents");

        configMap.publishReport(AgConfigMapCodecTest.primaryReport());
        assertThat(configMap.submitRequest(request, T0, timeout).submitted()).isTrue();
        assertThat(configMap.read().request()).isEqualTo(request);
        assertThat(configMap.read().reports()).containsOnlyKeys("mssql1");

        FailoverRequestEntry second = new FailoverRequestEntry("r2", "", "mssql3", false, T0.plusSeconds(1), "failover-def");
        AgConfigMap.Submission refused = configMap.submitRequest(second, T0.plusSeconds(1), timeout);
        assertThat(refused.submitted()).isFalse();
        assertThat(refused.refusal()).contains("to mssql2", "failover-abc", "still in flight");

        configMap.publishOutcome(new FailoverOutcomeEntry("r1", FailoverOutcomeEntry.State.SUCCEEDED, "mssql2 is primary",
                T0.plusSeconds(2)));
        assertThat(configMap.submitRequest(second, T0.plusSeconds(3), timeout).submitted()).isTrue();
        assertThat(configMap.read().request().id()).isEqualTo("r2");
        assertThat(configMap.read().outcomeOfRequest()).isEmpty();
    }

    private static ReplicaReport withName(ReplicaReport r, String name) {
        return new ReplicaReport(new io.github.mssqlk8s.ha.ReplicaId(name, name + "-0", name + "-0", null, name, null),
                r.mode(), io.github.mssqlk8s.ha.ReplicaRole.SECONDARY, r.sequenceNumber(), r.databases(), null, null,
                false, r.health(), null, r.reportedAt());
    }
}
