package io.github.mssqlk8s.testing.apiserver;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.resources.AgentRbac;
import io.github.mssqlk8s.testing.ScenarioIdentities;

/**
 * The scenario's components on the real API server, each as the ServiceAccount the operator makes for it and bound
 * to the Role the operator makes for it ({@link AgentRbac}): the agents of each replica and its init-sql Job. Every
 * 403 they receive is in {@link ApiTestNamespace#forbidden()}.
 */
public final class RealServerIdentities implements ScenarioIdentities {

    private final ApiTestNamespace api;

    public RealServerIdentities(ApiTestNamespace api) {
        this.api = api;
    }

    @Override
    public void installCrd(KubernetesClient harness) {
        GeneratedManifests.installCrd(api.server().admin());
    }

    @Override
    public void prepareAgents(SqlServer resource) {
        api.grant(Names.agents(resource), AgentRbac.agentsRole(resource));
        api.tokenFor(Names.agents(resource));
    }

    @Override
    public KubernetesClient agentsClient(SqlServer resource, int proxyPort, ConfigBuilder settings) {
        return api.clientAs(Names.agents(resource), AgentRbac.agentsRole(resource), proxyPort, settings);
    }

    @Override
    public KubernetesClient initSqlClient(SqlServer resource) {
        return api.clientAs(Names.initSql(resource), AgentRbac.initSqlRole(resource));
    }
}
