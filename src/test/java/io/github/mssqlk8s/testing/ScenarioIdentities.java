package io.github.mssqlk8s.testing;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.mssqlk8s.api.SqlServer;

/**
 * Who each component of an {@link AgScenarioHarness} is on the API server. On fabric8's mock nobody is anybody:
 * every client is anonymous over plain HTTP ({@link #onMock}). On a real API server each component talks as its
 * own ServiceAccount bound to the Role the operator gives it (see {@code apiserver.RealServerIdentities}).
 */
public interface ScenarioIdentities {

    /** Installs the SqlServer CRD the components work with. */
    void installCrd(KubernetesClient harness);

    /** Before the replica's pod is created: whatever the pod refers to (its agents' ServiceAccount) exists. */
    void prepareAgents(SqlServer resource);

    /** The agents' client, reaching the API server through a loopback proxy on {@code proxyPort}. */
    KubernetesClient agentsClient(SqlServer resource, int proxyPort, ConfigBuilder settings);

    /** The client the init-sql Job of {@code resource} talks with. */
    KubernetesClient initSqlClient(SqlServer resource);

    /** Anonymous, plain HTTP, everything allowed: fabric8's mock API server behind {@code harness}. */
    static ScenarioIdentities onMock(KubernetesClient harness) {
        return new ScenarioIdentities() {
            @Override
            public void installCrd(KubernetesClient client) {
                AgScenarioHarness.installCrd(client);
            }

            @Override
            public void prepareAgents(SqlServer resource) {
                // the mock admits any pod
            }

            @Override
            public KubernetesClient agentsClient(SqlServer resource, int proxyPort, ConfigBuilder settings) {
                return new KubernetesClientBuilder().withConfig(settings.withMasterUrl("http://127.0.0.1:" + proxyPort).build()).build();
            }

            @Override
            public KubernetesClient initSqlClient(SqlServer resource) {
                return harness;
            }
        };
    }
}
