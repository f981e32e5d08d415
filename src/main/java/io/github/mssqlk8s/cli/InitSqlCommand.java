package io.github.mssqlk8s.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.config.AgentIdentity;
import io.github.mssqlk8s.config.InitSqlSettings;
import io.github.mssqlk8s.config.InstanceConnectionSettings;
import io.github.mssqlk8s.job.InitSql;
import io.github.mssqlk8s.job.InstanceConnections;
import io.github.mssqlk8s.job.JobFailure;
import io.github.mssqlk8s.job.JobLog;
import io.github.mssqlk8s.kube.InitSqlReport;
import io.github.mssqlk8s.kube.MirroringCertificateSecret;
import io.github.mssqlk8s.kube.SecretValues;
import io.github.mssqlk8s.kube.SqlServers;
import io.github.mssqlk8s.naming.EnvironmentVariables;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.naming.Ports;
import io.github.mssqlk8s.sql.LoginFiles;
import io.github.mssqlk8s.sql.SqlConnector;
import io.github.mssqlk8s.sql.SqlEndpoint;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The init-sql Job: exits 0 when the instance is configured, else 1 with one line naming the step. */
@Command(name = "init-sql", description = "Job: bring an instance to its desired SQL state.")
public class InitSqlCommand implements Callable<Integer> {

    static final String APPLICATION_NAME = "mssql-k8s-init-sql";

    @Spec
    CommandSpec spec;

    @Inject
    KubernetesClient client;

    @Inject
    AgentIdentity identity;

    @Inject
    InstanceConnectionSettings connection;

    @Inject
    InitSqlSettings settings;

    @Override
    public Integer call() {
        try {
            job(client, identity, connection, settings, JobLog.of("init-sql")).run();
            return 0;
        } catch (JobFailure failed) {
            return fail(failed.step(), failed.reason());
        }
    }

    /**
     * The Job put together from its configuration, as its container runs it (tests that run init-sql in-process
     * call this with the configuration they read from the Job's environment). A missing setting fails at step
     * "configuration".
     */
    public static InitSql job(KubernetesClient client, AgentIdentity identity, InstanceConnectionSettings connection,
            InitSqlSettings settings, JobLog log) throws JobFailure {
        Optional<String> missing = missingSetting(identity, settings);
        if (missing.isPresent()) {
            throw new JobFailure("configuration", missing.get() + " is not set");
        }
        String namespace = identity.namespace().orElseGet(client::getNamespace);
        SqlConnector instance = new SqlConnector(new SqlEndpoint(connection.sqlHost(), connection.sqlPort(),
                connection.sqlEncrypt(), connection.sqlTrustServerCertificate()),
                Duration.ofSeconds(connection.connectionTimeoutSeconds()), APPLICATION_NAME);
        InitSql.Settings jobSettings = new InitSql.Settings(namespace, identity.sqlServerName().get(),
                settings.saPassword().get(), settings.masterKeyPassword().get(),
                new LoginFiles(Path.of(connection.agentLoginPath())), Names.mirroringEndpoint(), Ports.HADR_ENDPOINT,
                Names::mirroringCertificate, Duration.ofSeconds(connection.queryTimeoutSeconds()),
                settings.waitTimeout(), settings.progressInterval());
        return job(client, jobSettings, name -> instance, log);
    }

    /** The Job's parts around its settings: the API server adapters, generated passwords, the system clock. */
    public static InitSql job(KubernetesClient client, InitSql.Settings settings, InstanceConnections instances, JobLog log) {
        return new InitSql(settings, instances, new SqlServers(client),
                new MirroringCertificateSecret(new SecretValues(client)), new InitSqlReport(client, Clock.systemUTC()),
                JobWiring.passwords(), log, Clock.systemUTC());
    }

    private static Optional<String> missingSetting(AgentIdentity identity, InitSqlSettings settings) {
        if (identity.sqlServerName().isEmpty()) {
            return Optional.of(EnvironmentVariables.SQL_SERVER_NAME);
        }
        if (settings.saPassword().isEmpty()) {
            return Optional.of(EnvironmentVariables.SA_PASSWORD);
        }
        if (settings.masterKeyPassword().isEmpty()) {
            return Optional.of(EnvironmentVariables.MASTER_KEY_PASSWORD);
        }
        return Optional.empty();
    }

    private int fail(String step, String reason) {
        spec.commandLine().getErr().println("init-sql: " + step + ": " + reason);
        return 1;
    }
}
