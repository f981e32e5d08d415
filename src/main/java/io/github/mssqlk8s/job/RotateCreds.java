package io.github.mssqlk8s.job;

import io.github.mssqlk8s.kube.MirroringCertificateSecret;
import io.github.mssqlk8s.kube.SecretKey;
import io.github.mssqlk8s.kube.SecretValues;
import io.github.mssqlk8s.kube.SqlServerFacts;
import io.github.mssqlk8s.kube.SqlServers;
import io.github.mssqlk8s.sql.Logins;
import io.github.mssqlk8s.sql.MasterKey;
import io.github.mssqlk8s.sql.SqlConnector;
import io.github.mssqlk8s.sql.SqlFailure;
import io.github.mssqlk8s.sql.SqlLogin;
import io.github.mssqlk8s.sql.SqlSession;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The rotate-creds Job: the sa password (on every instance whose resource names the same Secret key, since they
 * share it), the agents' login password, the master key and, when asked, the shared mirroring certificate. Each
 * step finds out whether it was done already, so a run killed at any point completes when run again; the sa
 * passwords are checked on every instance before anything changes.
 */
public final class RotateCreds {

    static final String CHECK_SA = "check sa password";
    /** The agents' next password waits here until every instance accepts it. */
    static final String NEXT_PASSWORD_KEY = "next-password";
    static final String USERNAME_KEY = "username";
    static final String PASSWORD_KEY = "password";

    /** The Job's environment (contract §3), already read. */
    public record Settings(String namespace, String sqlServerName, String currentSaPassword, String newSaPassword,
            Optional<String> masterKeyPassword, boolean rotateCertificate, LongFunction<String> certificateName,
            Duration queryTimeout) {

        @Override
        public String toString() {
            return "RotateCreds.Settings[" + namespace + "/" + sqlServerName + "]";
        }
    }

    private final Settings settings;
    private final InstanceConnections instances;
    private final SqlServers sqlServers;
    private final SecretValues secrets;
    private final MirroringCertificateSecret certificateSecret;
    private final Supplier<String> newPassword;
    private final StepHook hook;
    private final Redaction redaction = new Redaction();
    private final JobLog log;

    public RotateCreds(Settings settings, InstanceConnections instances, SqlServers sqlServers, SecretValues secrets,
            MirroringCertificateSecret certificateSecret, Supplier<String> newPassword, JobLog log, StepHook hook) {
        this.settings = settings;
        this.instances = instances;
        this.sqlServers = sqlServers;
        this.secrets = secrets;
        this.certificateSecret = certificateSecret;
        this.newPassword = newPassword;
        this.hook = hook;
        redaction.add(settings.currentSaPassword(), settings.newSaPassword(), settings.masterKeyPassword().orElse(null));
        this.log = redaction.wrap(log);
    }

    public void run() throws JobFailure {
        JobSteps.run("unexpected error", redaction, () -> {
            runSteps();
            return null;
        });
    }

    private void runSteps() throws JobFailure {
        List<SqlServerFacts> all = step("read SqlServers", () -> sqlServers.list(settings.namespace()));
        SqlServerFacts own = all.stream().filter(resource -> resource.name().equals(settings.sqlServerName())).findFirst()
                .orElseThrow(() -> new JobFailure("read SqlServers", "the SqlServer " + settings.namespace() + "/"
                        + settings.sqlServerName() + " does not exist"));
        List<SqlServerFacts> sharingSa = all.stream().filter(other -> other.saPassword().equals(own.saPassword())).toList();
        Map<String, Boolean> rotated = checkSaPasswords(sharingSa);
        rotateSa(sharingSa, rotated, own.saPassword());
        Map<String, SqlSession> sessions = new LinkedHashMap<>();
        try {
            sessions.put(own.name(), openAsSa(own, settings.newSaPassword()));
            rotateAgentLogin(own, sessions.get(own.name()));
            if (settings.masterKeyPassword().isPresent()) {
                for (SqlServerFacts other : all) {
                    if (other.masterKeyPassword().equals(own.masterKeyPassword())) {
                        regenerateMasterKey(other, session(sessions, other));
                    }
                }
                step("update " + own.masterKeyPassword().describe(), () -> {
                    secrets.put(settings.namespace(), own.masterKeyPassword(), settings.masterKeyPassword().get());
                    return null;
                });
                hook.completed("update master key Secret");
            }
            if (settings.rotateCertificate()) {
                for (SqlServerFacts other : all) {
                    session(sessions, other);
                }
                new CertificateRotation(settings.namespace(), certificateSecret, settings.certificateName(), newPassword,
                        redaction, log, hook).run(own.name(), sessions);
            }
        } finally {
            sessions.values().forEach(RotateCreds::closeQuietly);
        }
        log.info("rotated the credentials of " + own.name());
    }

    /**
     * Which instances took the new sa password already (a run killed half-way); refuses, before anything changes,
     * when an instance accepts neither password.
     */
    private Map<String, Boolean> checkSaPasswords(List<SqlServerFacts> sharingSa) throws JobFailure {
        Map<String, Boolean> rotated = new LinkedHashMap<>();
        for (SqlServerFacts instance : sharingSa) {
            SqlConnector connector = instances.connector(instance.name());
            boolean current = step(CHECK_SA, () -> InitSql.acceptsPassword(connector, sa(settings.currentSaPassword())));
            boolean next = !current && step(CHECK_SA, () -> InitSql.acceptsPassword(connector, sa(settings.newSaPassword())));
            if (!current && !next) {
                throw new JobFailure(CHECK_SA, instance.name() + " rejects the current sa password (error "
                        + SqlFailure.LOGIN_FAILED_NUMBER + "); nothing was changed");
            }
            rotated.put(instance.name(), next);
        }
        hook.completed(CHECK_SA);
        return rotated;
    }

    private void rotateSa(List<SqlServerFacts> sharingSa, Map<String, Boolean> rotated, SecretKey saSecret) throws JobFailure {
        for (SqlServerFacts instance : sharingSa) {
            if (rotated.get(instance.name())) {
                continue;
            }
            String step = "rotate sa password on " + instance.name();
            try (SqlSession sa = openAsSa(instance, settings.currentSaPassword())) {
                step(step, () -> {
                    new Logins(sa).changePassword("sa", settings.newSaPassword());
                    return null;
                });
            } catch (SQLException closing) {
                log.info("closing the connection to " + instance.name() + " failed: " + closing.getMessage());
            }
            log.info("changed the sa password of " + instance.name());
            hook.completed(step);
        }
        step("update " + saSecret.describe(), () -> {
            secrets.put(settings.namespace(), saSecret, settings.newSaPassword());
            return null;
        });
        hook.completed("update sa Secret");
    }

    /**
     * The next password is kept in the agents' Secret before the login changes, so a run killed in between knows
     * it; the Secret's {@code password} changes last. The agents re-read their mounted Secret after a failed login.
     */
    private void rotateAgentLogin(SqlServerFacts own, SqlSession sa) throws JobFailure {
        String secret = own.agentLoginSecret();
        Map<String, String> values = step("rotate agent login", () -> secrets.read(settings.namespace(), secret)
                .orElseThrow(() -> new JobFailure("rotate agent login", "the Secret " + secret + " does not exist")));
        String login = values.get(USERNAME_KEY);
        String next = values.get(NEXT_PASSWORD_KEY);
        if (next == null) {
            String generated = newPassword.get();
            redaction.add(generated);
            step("rotate agent login", () -> {
                secrets.update(settings.namespace(), secret, data -> put(data, NEXT_PASSWORD_KEY, generated));
                return null;
            });
            next = generated;
            hook.completed("store the agents' next password");
        }
        redaction.add(next);
        String password = next;
        SqlConnector connector = instances.connector(own.name());
        step("rotate agent login", () -> {
            Logins logins = new Logins(sa);
            if (logins.exists(login) && !InitSql.acceptsPassword(connector, new SqlLogin(login, password))) {
                logins.changePassword(login, password);
                log.info("changed the password of the login " + login + " on " + own.name());
            }
            return null;
        });
        hook.completed("rotate agent login");
        step("rotate agent login", () -> {
            secrets.update(settings.namespace(), secret, data -> {
                data.put(PASSWORD_KEY, password);
                data.remove(NEXT_PASSWORD_KEY);
                return data;
            });
            return null;
        });
        hook.completed("update agent login Secret");
    }

    private void regenerateMasterKey(SqlServerFacts instance, SqlSession sa) throws JobFailure {
        String step = "regenerate master key on " + instance.name();
        step(step, () -> {
            MasterKey masterKey = new MasterKey(sa);
            if (masterKey.exists()) {
                masterKey.regenerate(settings.masterKeyPassword().get());
                log.info("regenerated the master key of " + instance.name());
            }
            return null;
        });
        hook.completed(step);
    }

    /** An sa session on an instance, with the password its resource's Secret holds now. */
    private SqlSession session(Map<String, SqlSession> sessions, SqlServerFacts instance) throws JobFailure {
        if (!sessions.containsKey(instance.name())) {
            String password = step("connect to " + instance.name(), () -> secrets.get(settings.namespace(), instance.saPassword())
                    .orElseThrow(() -> new JobFailure("connect to " + instance.name(), instance.saPassword().describe()
                            + " does not exist")));
            redaction.add(password);
            sessions.put(instance.name(), openAsSa(instance, password));
        }
        return sessions.get(instance.name());
    }

    private SqlSession openAsSa(SqlServerFacts instance, String password) throws JobFailure {
        SqlConnector connector = instances.connector(instance.name());
        return step("connect to " + instance.name(), () -> new SqlSession(connector.connect(sa(password)), settings.queryTimeout()));
    }

    private static SqlLogin sa(String password) {
        return new SqlLogin("sa", password);
    }

    private static Map<String, String> put(Map<String, String> data, String key, String value) {
        data.put(key, value);
        return data;
    }

    private static void closeQuietly(SqlSession session) {
        try {
            session.close();
        } catch (SQLException alreadyGone) {
            // Nothing to do: the Job is ending.
        }
    }

    private <T> T step(String name, JobSteps.Step<T> step) throws JobFailure {
        return JobSteps.run(name, redaction, step);
    }
}
