package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.testing.MockCluster;
import io.github.mssqlk8s.testing.TestResources;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Two operator instances: this one (the operator profile, leader election on) and another that already holds
 * the Lease, played by a fabric8 LeaderElector. Only the holder reconciles; when it goes, this one takes over.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(LeaderElectionMockTest.OperatorProfile.class)
class LeaderElectionMockTest {

    public static class OperatorProfile implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "operator";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // the operator profile replaces %test, whose SSA switch-off the mock API server (no server-side apply) needs
            return Map.of("mssql.k8s.lease-duration-seconds", "4", "quarkus.http.test-port", "0",
                    "quarkus.operator-sdk.enable-ssa", "false");
        }
    }

    @Inject
    KubernetesClient client;

    @Inject
    Operator operator;

    @KubernetesTestServer
    KubernetesServer server;

    @Test
    void onlyTheLeaseHolderReconciles() {
        String namespace = client.getNamespace();
        MockCluster.installCrd(client);
        client.resource(TestResources.saSecret(TestResources.SA_SECRET, namespace)).create();
        AtomicBoolean otherLeads = new AtomicBoolean();
        LeaderElector other = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName("other-operator")
                .withLock(new LeaseLock(namespace, OperatorLeaderElection.LEASE_NAME, "other-operator-pod"))
                .withLeaseDuration(Duration.ofSeconds(4))
                .withRenewDeadline(Duration.ofSeconds(2))
                .withRetryPeriod(Duration.ofMillis(500))
                .withLeaderCallbacks(new LeaderCallbacks(() -> otherLeads.set(true), () -> otherLeads.set(false), identity -> { }))
                .withReleaseOnCancel(true)
                .build()).build();
        CompletableFuture<?> otherRunning = other.start();
        await().atMost(Duration.ofSeconds(30)).untilTrue(otherLeads);

        // Before electing, JOSDK asks whether it may use Leases; the mock server cannot answer that, so we do.
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().addNewResourceRule()
                        .withApiGroups("coordination.k8s.io").withResources("leases")
                        .withVerbs("get", "list", "watch", "create", "update", "patch").endResourceRule()
                        .withIncomplete(false).endStatus().build())
                .always();
        operator.start();
        client.resource(TestResources.sqlServer("leader1", namespace, AvailabilityGroupRef.named("agleader"))).create();

        // The other instance leads: for three lease periods this one must not touch the resource.
        await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(15))
                .until(() -> statusOf("leader1") == null && client.apps().statefulSets().inNamespace(namespace).withName("leader1").get() == null);

        otherRunning.cancel(true);

        await().atMost(Duration.ofSeconds(60)).until(() -> statusOf("leader1") != null);
        assertThat(client.apps().statefulSets().inNamespace(namespace).withName("leader1").get()).isNotNull();
    }

    private Object statusOf(String name) {
        SqlServer resource = client.resources(SqlServer.class).inNamespace(client.getNamespace()).withName(name).get();
        return resource == null ? null : resource.getStatus();
    }
}
