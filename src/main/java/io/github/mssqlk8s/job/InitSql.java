package io.github.mssqlk8s.job;

import io.github.mssqlk8s.kube.InitSqlReport;
import io.github.mssqlk8s.kube.MirroringCertificateSecret;
import io.github.mssqlk8s.kube.MirroringCertificateSecret.Contents;
import io.github.mssqlk8s.kube.SqlServerFacts;
import io.github.mssqlk8s.kube.SqlServers;
import io.github.mssqlk8s.sql.LoginFiles;
import io.github.mssqlk8s.sql.Logins;
import io.github.mssqlk8s.sql.MasterKey;
import io.github.mssqlk8s.sql.MirroringEndpoint;
import io.github.mssqlk8s.sql.SqlConnector;
import io.github.mssqlk8s.sql.SqlFailure;
import io.github.mssqlk8s.sql.SqlLogin;
import io.github.mssqlk8s.sql.SqlScript;
import io.github.mssqlk8s.sql.SqlSession;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The init-sql Job: brings one instance to its desired SQL state (contract §5) and reports the outcome on its
 * SqlServer. Every step reads the catalog first and changes only what differs, so a run against a configured
 * instance executes no DDL (only the user's post-init script runs every time).
 */
public final class InitSql {

    /**
     * What the agents' login may do: enough to run their AGs, no sysadmin. Not CREATE AVAILABILITY GROUP: SQL Server
     * allows that only to sysadmin, so the agents' bootstrap runs it as sa and the permission alone would be unused.
     */
    static final List<String> AGENT_SERVER_PERMISSIONS = List.of(
            "VIEW SERVER STATE", "ALTER ANY AVAILABILITY GROUP", "ALTER ANY DATABASE");

    /**
     * @param endpointName    the mirroring endpoint's name (kept when the instance already has one of another name)
     * @param certificateName the shared certificate's name for a serial
     */
    public record Settings(String namespace, String sqlServerName, String saPassword, String masterKeyPassword,
            LoginFiles agentLogin, String endpointName, int endpointPort, LongFunction<String> certificateName,
            Duration queryTimeout, Duration waitTimeout, Duration progressInterval) {

        @Override
        public String toString() {
            return "InitSql.Settings[" + namespace + "/" + sqlServerName + "]";
        }
    }

    private final Settings settings;
    private final InstanceConnections instances;
    private final SqlServers sqlServers;
    private final MirroringCertificateSecret certificateSecret;
    private final InitSqlReport report;
    private final Supplier<String> newPassword;
    private final Clock clock;
    private final Redaction redaction = new Redaction();
    private final JobLog log;

    public InitSql(Settings settings, InstanceConnections instances, SqlServers sqlServers,
            MirroringCertificateSecret certificateSecret, InitSqlReport report, Supplier<String> newPassword,
            JobLog log, Clock clock) {
        this.settings = settings;
        this.instances = instances;
        this.sqlServers = sqlServers;
        this.certificateSecret = certificateSecret;
        this.report = report;
        this.newPassword = newPassword;
        this.clock = clock;
        redaction.add(settings.saPassword(), settings.masterKeyPassword());
        this.log = redaction.wrap(log);
    }

    /** Runs every step; the failure names the step and carries a sentence free of secret values. */
    public void run() throws JobFailure {
        JobSteps.run("unexpected error", redaction, () -> {
            runSteps();
            return null;
        });
    }

    private void runSteps() throws JobFailure {
        SqlServerFacts resource = readResource();
        try {
            configure(resource);
        } catch (JobFailure failed) {
            reportFailure(resource, failed);
            throw failed;
        }
        try {
            report.succeeded(settings.namespace(), resource.name(), resource.generation());
        } catch (RuntimeException notWritten) {
            log.info("the outcome could not be written to the SqlServer's status: " + notWritten.getMessage());
        }
        log.info("the instance is configured for generation " + resource.generation());
    }

    private SqlServerFacts readResource() throws JobFailure {
        try {
            return sqlServers.get(settings.namespace(), settings.sqlServerName()).orElseThrow(() -> new JobFailure(
                    "read SqlServer", "the SqlServer " + settings.namespace() + "/" + settings.sqlServerName() + " does not exist"));
        } catch (RuntimeException unreadable) {
            throw new JobFailure("read SqlServer", redaction.apply(unreadable.getMessage()));
        }
    }

    private void configure(SqlServerFacts resource) throws JobFailure {
        SqlLogin agent = readAgentLogin();
        SqlConnector connector = instances.connector(resource.name());
        SqlServerWait wait = new SqlServerWait(clock, settings.waitTimeout(), settings.progressInterval(), log, redaction);
        Connection connection = wait.connect(connector, new SqlLogin("sa", settings.saPassword()));
        try (SqlSession sa = new SqlSession(connection, settings.queryTimeout())) {
            step("agent login", () -> agentLogin(sa, connector, agent));
            step("master key", () -> masterKey(sa));
            Contents certificate = step(SharedCertificate.STEP, () -> new SharedCertificate(certificateSecret,
                    settings.namespace(), settings.certificateName(), newPassword, log, redaction).ensure(sa));
            step("mirroring endpoint", () -> endpoint(sa, certificate, agent.name()));
            if (resource.postInitScript().isPresent()) {
                step("post-init script", () -> postInitScript(sa, resource.postInitScript().get()));
            }
        } catch (SQLException closing) {
            log.info("closing the connection failed: " + closing.getMessage());
        }
    }

    private SqlLogin readAgentLogin() throws JobFailure {
        try {
            SqlLogin agent = settings.agentLogin().read();
            redaction.add(agent.password());
            return agent;
        } catch (IOException unreadable) {
            throw new JobFailure("agent login", unreadable.getMessage());
        }
    }

    private Void agentLogin(SqlSession sa, SqlConnector connector, SqlLogin agent) throws SQLException {
        Logins logins = new Logins(sa);
        if (!logins.exists(agent.name())) {
            logins.create(agent.name(), agent.password());
            log.info("created the login " + agent.name());
        } else if (!acceptsPassword(connector, agent)) {
            logins.changePassword(agent.name(), agent.password());
            log.info("set the login " + agent.name() + "'s password from its Secret");
        }
        Set<String> missing = logins.missingServerPermissions(agent.name(), AGENT_SERVER_PERMISSIONS);
        if (!missing.isEmpty()) {
            logins.grantOnServer(missing, agent.name());
            log.info("granted " + String.join(", ", missing) + " to " + agent.name());
        }
        return null;
    }

    /** A login attempt tells whether the password matches, without DDL. */
    static boolean acceptsPassword(SqlConnector connector, SqlLogin login) throws SQLException {
        try (Connection ignored = connector.connect(login)) {
            return true;
        } catch (SQLException failed) {
            if (SqlFailure.of(failed) == SqlFailure.LOGIN_FAILED) {
                return false;
            }
            throw failed;
        }
    }

    private Void masterKey(SqlSession sa) throws SQLException {
        MasterKey masterKey = new MasterKey(sa);
        if (!masterKey.exists()) {
            masterKey.create(settings.masterKeyPassword());
            log.info("created the database master key");
        }
        return null;
    }

    private Void endpoint(SqlSession sa, Contents certificate, String agentLogin) throws SQLException {
        MirroringEndpoint endpoint = new MirroringEndpoint(sa);
        String wanted = certificate.current().name();
        Optional<MirroringEndpoint.Installed> installed = endpoint.find();
        String name = installed.map(MirroringEndpoint.Installed::name).orElse(settings.endpointName());
        if (installed.isEmpty()) {
            endpoint.create(name, settings.endpointPort(), wanted);
            log.info("created the mirroring endpoint " + name + " on port " + settings.endpointPort());
        } else if (!installed.get().matches(name, settings.endpointPort(), wanted)
                && !usesRotatingCertificate(installed.get(), certificate)) {
            endpoint.alter(name, settings.endpointPort(), wanted);
            log.info("set the mirroring endpoint " + name + " to port " + settings.endpointPort() + " and certificate " + wanted);
        }
        // CONTROL lets the agents manage the endpoint; CONNECT on it is the grant of contract §5 (SQL Server admits
        // a peer authenticated by the shared certificate as that certificate's owner).
        Logins logins = new Logins(sa);
        for (String permission : List.of("CONNECT", "CONTROL")) {
            if (!logins.holdsOnEndpoint(agentLogin, permission, name)) {
                logins.grantOnEndpoint(permission, name, agentLogin);
                log.info("granted " + permission + " on the endpoint " + name + " to " + agentLogin);
            }
        }
        return null;
    }

    /** A rotation in progress may have switched the endpoint to the next certificate: leave that to rotate-creds. */
    private boolean usesRotatingCertificate(MirroringEndpoint.Installed installed, Contents certificate) {
        return certificate.next().map(next -> next.name().equalsIgnoreCase(installed.certificate())).orElse(false)
                && installed.matches(installed.name(), settings.endpointPort(), installed.certificate());
    }

    private Void postInitScript(SqlSession sa, String script) throws SQLException {
        SqlScript parsed = SqlScript.parse(script);
        parsed.run(sa);
        log.info("ran the post-init script (" + parsed.batches().size() + " batches)");
        return null;
    }

    private void reportFailure(SqlServerFacts resource, JobFailure failed) {
        try {
            report.failed(settings.namespace(), resource.name(), resource.generation(), failed.step(), failed.reason());
        } catch (RuntimeException notWritten) {
            log.info("the failure could not be written to the SqlServer's status: " + notWritten.getMessage());
        }
    }

    private <T> T step(String name, JobSteps.Step<T> step) throws JobFailure {
        return JobSteps.run(name, redaction, step);
    }

}
