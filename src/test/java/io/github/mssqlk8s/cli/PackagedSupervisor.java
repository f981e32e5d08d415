package io.github.mssqlk8s.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.naming.EnvironmentVariables;
import io.github.mssqlk8s.testing.MockCluster;
import io.github.mssqlk8s.testing.TestResources;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The packaged application in the {@code ag-agent-supervisor} mode, as its own process, against a mock API server. */
final class PackagedSupervisor {

    static final Path APPLICATION = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();

    private PackagedSupervisor() {
    }

    /** Installs the CRD and creates the SqlServer {@code name} listing {@code groups}. */
    static void createSqlServer(KubernetesClient client, String name, String... groups) {
        MockCluster.installCrd(client);
        client.resource(TestResources.sqlServer(name, client.getNamespace(),
                Arrays.stream(groups).map(AvailabilityGroupRef::named).toArray(AvailabilityGroupRef[]::new))).create();
    }

    /**
     * The supervisor of {@code sqlServer} running {@code childCommand} per AG, on a free HTTP port; its environment,
     * which its children inherit, points at the mock API server. Output goes to {@code supervisor.out} and
     * {@code supervisor.err} in {@code work}.
     */
    static ProcessBuilder builder(KubernetesClient client, String sqlServer, List<String> childCommand, Path work) {
        ProcessBuilder builder = new ProcessBuilder(javaCommand(),
                "-Dmssql.k8s.supervisor.child-command=" + String.join(",", childCommand),
                "-jar", APPLICATION.toString(), "ag-agent-supervisor");
        builder.environment().put("KUBERNETES_MASTER", client.getMasterUrl().toString());
        builder.environment().put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
        builder.environment().put(EnvironmentVariables.SQL_SERVER_NAME, sqlServer);
        builder.environment().put(EnvironmentVariables.NAMESPACE, client.getNamespace());
        builder.environment().put(EnvironmentVariables.QUARKUS_HTTP_PORT, "0");
        builder.redirectOutput(work.resolve("supervisor.out").toFile());
        builder.redirectError(work.resolve("supervisor.err").toFile());
        return builder;
    }

    static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
