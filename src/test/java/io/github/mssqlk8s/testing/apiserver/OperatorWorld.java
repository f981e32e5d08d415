package io.github.mssqlk8s.testing.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.testing.TestResources;
import java.util.List;

/**
 * A namespace as a cluster admin would set it up for the operator, on the real API server: the CRD, the packaged
 * target/kubernetes/kubernetes.yml (ServiceAccount, Role, RoleBinding, Deployment, Service), the users' sa Secret, the
 * packaged operator running as its ServiceAccount, and stand-in StatefulSet/Job controllers. Closing it stops both and
 * fails when the API server refused any of the operator's requests.
 */
public final class OperatorWorld implements AutoCloseable {

    public final KubernetesClient admin;
    public final OperatorProcess operator;
    public final WorkloadControllerStandIn controllers;

    private OperatorWorld(KubernetesClient admin, OperatorProcess operator, WorkloadControllerStandIn controllers) {
        this.admin = admin;
        this.operator = operator;
        this.controllers = controllers;
    }

    /** Installs everything and creates {@code resources} (SqlServers, Secrets…) before the operator starts. */
    public static OperatorWorld start(ApiTestNamespace api, List<? extends HasMetadata> resources) {
        KubernetesClient admin = api.admin();
        GeneratedManifests.installCrd(admin);
        GeneratedManifests.operatorManifests().forEach(object -> admin.resource(object).create());
        if (resources.stream().noneMatch(object -> TestResources.SA_SECRET.equals(object.getMetadata().getName()))) {
            admin.resource(TestResources.saSecret(TestResources.SA_SECRET, api.namespace())).create();
        }
        resources.forEach(object -> admin.resource(object).create());
        OperatorProcess operator = OperatorProcess.start(api);
        return new OperatorWorld(admin, operator, new WorkloadControllerStandIn(admin, api.namespace()).start());
    }

    /** The operator is running and the API server has refused none of its requests so far. */
    public void assertNothingRefused() {
        assertThat(operator.isAlive()).as("the operator runs; see " + operator.log()).isTrue();
        assertThat(operator.refusedRequests()).as("the operator's requests the API server refused; see " + operator.log()).isEmpty();
    }

    @Override
    public void close() {
        controllers.close();
        operator.close();
        assertThat(operator.refusedRequests()).as("the operator's requests the API server refused; see " + operator.log()).isEmpty();
    }
}
