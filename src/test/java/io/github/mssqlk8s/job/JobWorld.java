package io.github.mssqlk8s.job;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.cli.InitSqlCommand;
import io.github.mssqlk8s.kube.SecretValues;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.naming.Ports;
import io.github.mssqlk8s.naming.Volumes;
import io.github.mssqlk8s.sql.LoginFiles;
import io.github.mssqlk8s.sql.SqlConnector;
import io.github.mssqlk8s.sql.SqlEndpoint;
import io.github.mssqlk8s.sql.SqlLogin;
import io.github.mssqlk8s.testing.InitSqlInProcess;
import io.github.mssqlk8s.testing.RbacAudit;
import io.github.mssqlk8s.testing.SqlServerSimulator;
import io.github.mssqlk8s.testing.TestResources;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Jobs' world in one JVM: fabric8's mock API server (the Jobs' client is told apart by its User-Agent, so its
 * requests can be audited against a Role), simulated instances named like their SqlServers, and what the Jobs
 * logged.
 */
final class JobWorld implements AutoCloseable {

    static final String NAMESPACE = "test";
    static final String JOB_AGENT = "mssql-k8s-job";

    final SqlServerSimulator simulator = new SqlServerSimulator();
    final KubernetesServer server = new KubernetesServer(true, true, InetAddress.getLoopbackAddress(), 0,
            List.of(CustomResourceDefinitionContext.fromCustomResourceType(SqlServer.class)));
    final KubernetesClient harness;
    final KubernetesClient jobClient;
    final List<String> log = new CopyOnWriteArrayList<>();
    private final Path loginRoot;

    JobWorld(Path loginRoot) {
        this.loginRoot = loginRoot;
        server.before();
        harness = server.getClient();
        jobClient = new KubernetesClientBuilder().withConfig(new ConfigBuilder(harness.getConfiguration())
                .withNamespace(NAMESPACE).withUserAgent(JOB_AGENT).build()).build();
        harness.secrets().inNamespace(NAMESPACE).resource(TestResources.saSecret(TestResources.SA_SECRET, NAMESPACE,
                SqlServerSimulator.SA_PASSWORD)).create();
    }

    /** A SqlServer resource with its simulated instance, the Secrets the operator generates, and the agent login mounted. */
    SqlServer addInstance(String name, String... groups) {
        simulator.start(name);
        SqlServer resource = TestResources.sqlServer(name, NAMESPACE,
                java.util.Arrays.stream(groups).map(io.github.mssqlk8s.api.AvailabilityGroupRef::named)
                        .toArray(io.github.mssqlk8s.api.AvailabilityGroupRef[]::new));
        resource = harness.resources(SqlServer.class).inNamespace(NAMESPACE).resource(resource).create();
        InitSqlInProcess.createGeneratedSecrets(harness, resource);
        InitSqlInProcess.mountSecret(harness, NAMESPACE, Names.agentLoginSecret(resource), loginDirectory(name));
        return resource;
    }

    Path loginDirectory(String name) {
        return loginRoot.resolve(name);
    }

    InstanceConnections connections() {
        return name -> new SqlConnector(new SqlEndpoint("127.0.0.1", simulator.port(name), "false", false),
                Duration.ofSeconds(3), "job-test");
    }

    /** The master key password the operator generated for the instance. */
    String masterKeyPassword(String name) {
        return secretValues(Names.generatedMasterKeySecret(resource(name))).get(Volumes.MASTER_KEY_PASSWORD_KEY);
    }

    InitSql.Settings initSqlSettings(String name, String saPassword) {
        return new InitSql.Settings(NAMESPACE, name, saPassword, masterKeyPassword(name), new LoginFiles(loginDirectory(name)),
                Names.mirroringEndpoint(), Ports.HADR_ENDPOINT, Names::mirroringCertificate, Duration.ofSeconds(5),
                Duration.ofSeconds(20), Duration.ofMillis(200));
    }

    /** init-sql put together as the Job puts it, with the test's settings. */
    InitSql initSql(InitSql.Settings settings) {
        return InitSqlCommand.job(jobClient, settings, connections(), log::add);
    }

    void runInitSql(String name) throws JobFailure {
        initSql(initSqlSettings(name, SqlServerSimulator.SA_PASSWORD)).run();
    }

    SqlServer resource(String name) {
        return harness.resources(SqlServer.class).inNamespace(NAMESPACE).withName(name).get();
    }

    Map<String, String> secretValues(String name) {
        Secret secret = harness.secrets().inNamespace(NAMESPACE).withName(name).get();
        return secret == null ? null : new SecretValues(harness).read(NAMESPACE, name).orElseThrow();
    }

    void secret(String name, String key, String value) {
        new SecretValues(harness).put(NAMESPACE, new io.github.mssqlk8s.kube.SecretKey(name, key), value);
    }

    List<Event> events() {
        return harness.v1().events().inNamespace(NAMESPACE).list().getItems();
    }

    /** The agents' login of an instance, as its mounted files hold it now. */
    SqlLogin agentLogin(String name) throws java.io.IOException {
        return new LoginFiles(loginDirectory(name)).read();
    }

    Connection connect(String name, String login, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlserver://127.0.0.1:" + simulator.port(name)
                + ";encrypt=false;loginTimeout=5;queryTimeout=10", login, password);
    }

    Connection sa(String name) throws SQLException {
        return connect(name, "sa", SqlServerSimulator.SA_PASSWORD);
    }

    static List<Map<String, Object>> query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<Map<String, Object>> result = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.put(rows.getMetaData().getColumnLabel(i), rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    static Object scalar(Connection connection, String sql) throws SQLException {
        List<Map<String, Object>> rows = query(connection, sql);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    /** Every request the Jobs' client made so far. */
    List<RbacAudit.ApiRequest> jobRequests() throws InterruptedException {
        return RbacAudit.drain(server, JOB_AGENT);
    }

    static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        jobClient.close();
        server.after();
        simulator.close();
    }
}
