package io.github.mssqlk8s.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.mssqlk8s.agent.ag.AgAgent;
import io.github.mssqlk8s.agent.ag.AgAgentAdapters;
import io.github.mssqlk8s.agent.ag.AgAgentConfig;
import io.github.mssqlk8s.agent.ag.AgAgentLoop;
import io.github.mssqlk8s.agent.ag.AgAgentTiming;
import io.github.mssqlk8s.agent.ag.HttpHealthVerdictSource;
import io.github.mssqlk8s.config.AgentIdentity;
import io.github.mssqlk8s.config.InstanceConnectionSettings;
import io.github.mssqlk8s.config.LeaseSettings;
import io.github.mssqlk8s.ha.TimingSettings;
import io.github.mssqlk8s.kube.AgConfigMap;
import io.github.mssqlk8s.kube.ClusterConnection;
import io.github.mssqlk8s.naming.EnvironmentVariables;
import io.github.mssqlk8s.sql.AvailabilityGroupSql;
import io.github.mssqlk8s.sql.LoginFiles;
import io.github.mssqlk8s.sql.SaPasswordFile;
import io.github.mssqlk8s.sql.SqlConnector;
import io.github.mssqlk8s.sql.SqlEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Runs one AG replica's agent until SIGTERM, then lets it leave or hand over (within the supervisor's 30 s).
 * The agent gets an API client of its own without request retries (a failure shows at once and the next tick
 * retries), the agents' login from the mounted files, and the sa password file for CREATE AVAILABILITY GROUP.
 * Its meters (all tagged with its AG, see {@link AgAgentMeterTags}) are served on loopback only, at the port its
 * supervisor chose, which scrapes them into its own {@code /q/metrics}.
 */
@Command(name = "ag-agent", description = "Keep one AG replica: bootstrap, leadership, failover.")
public class AgAgentCommand implements Callable<Integer> {

    /** Well within the supervisor's 30-second grace. */
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(25);

    @Spec
    CommandSpec spec;

    @Inject
    AgentIdentity identity;

    @Inject
    LeaseSettings leaseSettings;

    @Inject
    InstanceConnectionSettings connection;

    /** The cluster connection only: the shared client itself would be one more HTTP client stack per AG. */
    @Inject
    Config clusterConfig;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "mssql.k8s.availability-group")
    Optional<String> availabilityGroup;

    /** {@code joinCommandTimeoutSec}, passed by the operator as {@code MSSQL_K8S_JOIN_TIMEOUT_SECONDS}. */
    @ConfigProperty(name = "mssql.k8s.join-timeout-seconds", defaultValue = "60")
    int joinTimeoutSeconds;

    /** Overrides REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT (contract §6). */
    @ConfigProperty(name = "mssql.k8s.required-synchronized-secondaries-to-commit")
    Optional<Integer> rsstcOverride;

    @Override
    public Integer call() throws InterruptedException {
        if (identity.sqlServerName().isEmpty() || availabilityGroup.isEmpty()) {
            spec.commandLine().getErr().println("ag-agent: " + EnvironmentVariables.SQL_SERVER_NAME + " and "
                    + EnvironmentVariables.AVAILABILITY_GROUP + " must both be set; they name the replica and its AG");
            return 1;
        }
        TimingSettings timing;
        try {
            timing = AgAgentTiming.from(leaseSettings, connection);
        } catch (IllegalArgumentException invalid) {
            spec.commandLine().getErr().println("ag-agent: " + invalid.getMessage());
            return 1;
        }
        String ag = availabilityGroup.get();
        String namespace = identity.namespace().orElseGet(clusterConfig::getNamespace);
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(ClusterConnection.failFast(clusterConfig)).build();
             AvailabilityGroupSql sql = sql()) {
            AgAgentAdapters adapters = AgAgentAdapters.onCluster(client, namespace, ag, timing.leaseDuration(), sql,
                    new HttpHealthVerdictSource(HttpHealthVerdictSource.DEFAULT, Duration.ofSeconds(1)), metrics);
            AgAgent agent = new AgAgent(new AgAgentConfig(namespace, identity.sqlServerName().get(), ag, timing,
                    AgConfigMap.DEFAULT_REQUEST_TIMEOUT, rsstcOverride.orElse(null)), adapters, java.time.Clock.systemUTC());
            AgAgentLoop loop = new AgAgentLoop(agent).start();
            Quarkus.waitForExit();
            loop.stop(STOP_PATIENCE);
        }
        return 0;
    }

    private AvailabilityGroupSql sql() {
        Duration queryTimeout = Duration.ofSeconds(connection.queryTimeoutSeconds());
        SqlConnector connector = new SqlConnector(new SqlEndpoint(connection.sqlHost(), connection.sqlPort(),
                connection.sqlEncrypt(), connection.sqlTrustServerCertificate()),
                Duration.ofSeconds(connection.connectionTimeoutSeconds()), "mssql-k8s-ag-agent", queryTimeout.plusSeconds(2));
        return new AvailabilityGroupSql(connector, new LoginFiles(Path.of(connection.agentLoginPath())),
                new SaPasswordFile(Path.of(connection.saPasswordFile())), queryTimeout, Duration.ofSeconds(joinTimeoutSeconds));
    }
}
