package io.github.mssqlk8s.job;

import static io.github.mssqlk8s.job.JobWorld.NAMESPACE;
import static io.github.mssqlk8s.job.JobWorld.query;
import static io.github.mssqlk8s.job.JobWorld.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.resources.AgentRbac;
import io.github.mssqlk8s.sim.engine.StatementKind;
import io.github.mssqlk8s.sim.engine.StatementLog;
import io.github.mssqlk8s.testing.RbacAudit;
import io.github.mssqlk8s.testing.SqlServerSimulator;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The init-sql Job against simulated instances (through mssql-jdbc) and the mock API server. Every request the
 * Job makes is checked against the Role the operator gives it.
 */
@Timeout(120)
class InitSqlMockTest {

    @TempDir
    Path logins;

    private JobWorld world;
    private final List<SqlServer> resources = new ArrayList<>();

    @BeforeEach
    void start() {
        world = new JobWorld(logins);
    }

    @AfterEach
    void auditAndStop() throws InterruptedException {
        try {
            List<RbacAudit.ApiRequest> requests = world.jobRequests();
            assertThat(requests).isNotEmpty();
            for (RbacAudit.ApiRequest request : requests) {
                boolean allowed = resources.stream().anyMatch(resource ->
                        RbacAudit.allowed(request, AgentRbac.initSqlRole(resource).getRules()));
                assertThat(allowed).as("an init-sql Role allows " + request).isTrue();
            }
        } finally {
            world.close();
        }
    }

    private SqlServer instance(String name) {
        SqlServer resource = world.addInstance(name, "ag1");
        resources.add(resource);
        return resource;
    }

    @Test
    void firstRunConfiguresEverything() throws Exception {
        instance("mssql1");

        world.runInitSql("mssql1");

        var agent = world.agentLogin("mssql1");
        try (Connection sa = world.sa("mssql1")) {
            assertThat(query(sa, "SELECT p.permission_name FROM sys.server_permissions p INNER JOIN sys.server_principals l"
                    + " ON p.grantee_principal_id = l.principal_id WHERE l.name = N'" + agent.name() + "'"
                    + " AND p.class_desc = N'SERVER'").stream().map(row -> row.get("permission_name")))
                    .as("CREATE AVAILABILITY GROUP needs sysadmin anyway; the bootstrap runs it as sa")
                    .containsExactlyInAnyOrder("CONNECT SQL", "VIEW SERVER STATE", "ALTER ANY AVAILABILITY GROUP",
                            "ALTER ANY DATABASE");
            assertThat(scalar(sa, "SELECT COUNT(*) FROM sys.symmetric_keys")).isEqualTo(1);
            Map<String, Object> endpoint = query(sa, "SELECT e.name, e.state_desc, e.role_desc, e.encryption_algorithm_desc,"
                    + " t.port, c.name AS certificate FROM sys.database_mirroring_endpoints e"
                    + " INNER JOIN sys.tcp_endpoints t ON e.endpoint_id = t.endpoint_id"
                    + " INNER JOIN sys.certificates c ON e.certificate_id = c.certificate_id").get(0);
            assertThat(endpoint).containsEntry("name", Names.mirroringEndpoint()).containsEntry("state_desc", "STARTED")
                    .containsEntry("role_desc", "ALL").containsEntry("encryption_algorithm_desc", "AES")
                    .containsEntry("port", 5022).containsEntry("certificate", Names.mirroringCertificate(1));
            assertThat(query(sa, "SELECT p.permission_name FROM sys.server_permissions p"
                    + " INNER JOIN sys.server_principals l ON p.grantee_principal_id = l.principal_id"
                    + " WHERE p.class_desc = N'ENDPOINT' AND l.name = N'" + agent.name() + "'")
                    .stream().map(row -> row.get("permission_name"))).containsExactlyInAnyOrder("CONNECT", "CONTROL");
            Map<String, String> stored = world.secretValues(Names.mirroringCertificateSecret());
            assertThat(stored).containsEntry("name", Names.mirroringCertificate(1));
            assertThat(HexFormat.of().formatHex((byte[]) scalar(sa, "SELECT CERTENCODED(CERT_ID(N'"
                    + Names.mirroringCertificate(1) + "'))"))).isEqualTo(stored.get("certificate"));
        }
        try (Connection asAgent = world.connect("mssql1", agent.name(), agent.password())) {
            assertThat(scalar(asAgent, "SELECT IS_SRVROLEMEMBER('sysadmin')")).as("no sysadmin").isEqualTo(0);
        }
        Condition condition = initSqlCondition("mssql1");
        assertThat(condition.getStatus()).isEqualTo(Conditions.TRUE);
        assertThat(condition.getReason()).isEqualTo(Conditions.INIT_SQL_CONFIGURED);
        assertThat(condition.getObservedGeneration()).isEqualTo(world.resource("mssql1").getMetadata().getGeneration());
        assertThat(world.events()).extracting(Event::getReason).contains(Conditions.INIT_SQL_CONFIGURED);
        assertNoSecretIn(world.log, allText());
    }

    @Test
    void secondRunExecutesNoDdl() throws Exception {
        instance("mssql1");
        world.runInitSql("mssql1");
        StatementLog statements = world.simulator.instance("mssql1").statementLog();
        int before = statements.size();

        world.runInitSql("mssql1");

        List<StatementLog.Entry> second = statements.since(before);
        assertThat(second).extracting(StatementLog.Entry::kind).contains(StatementKind.QUERY);
        assertThat(second).filteredOn(entry -> entry.kind() == StatementKind.DDL).isEmpty();
        assertThat(second).filteredOn(entry -> entry.errorNumber() != 0).isEmpty();
    }

    @Test
    void aChangedAgentPasswordOrLostGrantIsRepairedAndNothingElse() throws Exception {
        instance("mssql1");
        world.runInitSql("mssql1");
        var agent = world.agentLogin("mssql1");
        world.simulator.execAsSa("mssql1", "ALTER LOGIN [" + agent.name() + "] WITH PASSWORD = N'Someone-Else-1'");
        StatementLog statements = world.simulator.instance("mssql1").statementLog();
        int before = statements.size();

        world.runInitSql("mssql1");

        assertThat(statements.since(before)).filteredOn(entry -> entry.kind() == StatementKind.DDL)
                .extracting(StatementLog.Entry::text).singleElement().asString().startsWith("ALTER LOGIN");
        world.connect("mssql1", agent.name(), agent.password()).close();
    }

    @Test
    void threeRacingJobsEndWithOneCertificate() throws Exception {
        List<String> names = List.of("mssql1", "mssql2", "mssql3");
        names.forEach(this::instance);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> jobs = names.stream().map(name -> CompletableFuture.runAsync(() -> {
            try {
                go.await();
                world.runInitSql(name);
            } catch (Exception failed) {
                throw new IllegalStateException(failed);
            }
        })).toList();

        go.countDown();
        CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).get();

        assertThat(world.harness.secrets().inNamespace(NAMESPACE).list().getItems())
                .filteredOn(secret -> secret.getMetadata().getName().equals(Names.mirroringCertificateSecret())).hasSize(1);
        String shared = world.secretValues(Names.mirroringCertificateSecret()).get("certificate");
        for (String name : names) {
            try (Connection sa = world.sa(name)) {
                assertThat(query(sa, "SELECT name FROM sys.certificates")).as(name).hasSize(1);
                assertThat(HexFormat.of().formatHex((byte[]) scalar(sa, "SELECT CERTENCODED(CERT_ID(N'"
                        + Names.mirroringCertificate(1) + "'))"))).as(name).isEqualTo(shared);
            }
        }
        assertThat(world.simulator.network().endpointsConnect("mssql1", "mssql2")).isTrue();
        assertThat(world.simulator.network().endpointsConnect("mssql2", "mssql3")).isTrue();
        assertThat(world.simulator.network().endpointsConnect("mssql1", "mssql3")).isTrue();
    }

    @Test
    void aJobThatLostTheRaceReplacesTheCertificateItMade() throws Exception {
        instance("mssql1");
        instance("mssql2");
        world.runInitSql("mssql1");
        // mssql2's Job had made its own certificate of the same name before it saw the Secret.
        world.simulator.execAsSa("mssql2", "CREATE MASTER KEY ENCRYPTION BY PASSWORD = N'Other-Mk-1';"
                + " CREATE CERTIFICATE [" + Names.mirroringCertificate(1) + "] WITH SUBJECT = N'lost the race'");

        world.runInitSql("mssql2");

        try (Connection one = world.sa("mssql1"); Connection two = world.sa("mssql2")) {
            String sql = "SELECT thumbprint FROM sys.certificates";
            assertThat((byte[]) scalar(two, sql)).isEqualTo((byte[]) scalar(one, sql));
        }
        assertThat(world.simulator.network().endpointsConnect("mssql1", "mssql2")).isTrue();
    }

    @Test
    void postInitScriptRunsBatchBySplitOnGoLines() throws Exception {
        setPostInitScript(instance("mssql1"), "CREATE DATABASE appdb\nGO\nUSE appdb\nCREATE TABLE t (id INT PRIMARY KEY)\n"
                + "  go  \nINSERT INTO appdb.dbo.t (id) VALUES (1)\nGo\n");

        world.runInitSql("mssql1");

        try (Connection sa = world.sa("mssql1")) {
            assertThat(query(sa, "SELECT id FROM appdb.dbo.t")).extracting(row -> row.get("id")).containsExactly(1);
        }
    }

    @Test
    void aFailingBatchStopsTheScriptAndIsReportedWithSqlServersMessage() throws Exception {
        // The error comes after a result set in its batch: it surfaces only because every result is walked.
        setPostInitScript(instance("mssql1"), "CREATE DATABASE d1\nGO\nSELECT 1\nSELECT * FROM sys.no_such_view\nGO\n"
                + "CREATE DATABASE d2");

        assertThatThrownBy(() -> world.runInitSql("mssql1")).isInstanceOfSatisfying(JobFailure.class, failure -> {
            assertThat(failure.step()).isEqualTo("post-init script");
            assertThat(failure.reason()).contains("batch 2 of 3").contains("error 208");
            assertThat(failure.getMessage()).doesNotContain("\n");
        });

        try (Connection sa = world.sa("mssql1")) {
            assertThat(query(sa, "SELECT name FROM sys.databases WHERE name IN (N'd1', N'd2')"))
                    .extracting(row -> row.get("name")).containsExactly("d1");
        }
        Condition condition = initSqlCondition("mssql1");
        assertThat(condition.getStatus()).isEqualTo(Conditions.FALSE);
        assertThat(condition.getReason()).isEqualTo(Conditions.INIT_SQL_STEP_FAILED);
        assertThat(condition.getMessage()).contains("post-init script", "batch 2 of 3", "no_such_view");
        assertThat(world.events()).anySatisfy(event -> {
            assertThat(event.getType()).isEqualTo("Warning");
            assertThat(event.getMessage()).contains("post-init script");
        });
    }

    @Test
    void aWrongSaPasswordFailsAtOnceWithOneClearLine() throws Exception {
        instance("mssql1");
        // Minutes of patience: only telling "login failed" from "not up yet" makes this return quickly.
        InitSql.Settings settings = world.initSqlSettings("mssql1", "Not-The-Sa-Passw0rd");
        InitSql.Settings patient = new InitSql.Settings(settings.namespace(), settings.sqlServerName(), settings.saPassword(),
                settings.masterKeyPassword(), settings.agentLogin(), settings.endpointName(), settings.endpointPort(),
                settings.certificateName(), settings.queryTimeout(), Duration.ofMinutes(10), settings.progressInterval());

        assertThatThrownBy(() -> world.initSql(patient).run()).isInstanceOfSatisfying(JobFailure.class, failure -> {
            assertThat(failure.getMessage()).isEqualTo("wait for SQL Server: SQL Server at 127.0.0.1:"
                    + world.simulator.port("mssql1") + " rejected the login sa (error 18456): the password in its"
                    + " Secret does not match the instance's");
        });
        assertThat(world.log).noneMatch(line -> line.startsWith("waiting"));
        assertThat(initSqlCondition("mssql1").getMessage()).contains("wait for SQL Server", "18456");
        assertNoSecretIn(world.log, allText(), "Not-The-Sa-Passw0rd");
    }

    @Test
    void waitsForAStoppedInstanceWithProgressLines() throws Exception {
        instance("mssql1");
        world.simulator.instance("mssql1").stop();
        CompletableFuture<Void> job = CompletableFuture.runAsync(() -> {
            try {
                world.runInitSql("mssql1");
            } catch (JobFailure failed) {
                throw new IllegalStateException(failed);
            }
        });

        await().atMost(Duration.ofSeconds(15)).until(() -> world.log.stream().anyMatch(line -> line.startsWith("waiting for SQL Server")));
        assertThat(job).isNotDone();
        world.simulator.instance("mssql1").start();

        job.get();
        assertThat(initSqlCondition("mssql1").getStatus()).isEqualTo(Conditions.TRUE);
    }

    @Test
    void aSecondWaitEndsAfterItsTimeout() throws Exception {
        instance("mssql1");
        world.simulator.instance("mssql1").stop();
        InitSql.Settings settings = world.initSqlSettings("mssql1", SqlServerSimulator.SA_PASSWORD);
        InitSql.Settings impatient = new InitSql.Settings(settings.namespace(), settings.sqlServerName(), settings.saPassword(),
                settings.masterKeyPassword(), settings.agentLogin(), settings.endpointName(), settings.endpointPort(),
                settings.certificateName(), settings.queryTimeout(), Duration.ofSeconds(1), settings.progressInterval());

        assertThatThrownBy(() -> world.initSql(impatient).run()).isInstanceOfSatisfying(JobFailure.class, failure -> {
            assertThat(failure.step()).isEqualTo("wait for SQL Server");
            assertThat(failure.reason()).contains("did not accept connections within 1 s");
        });
    }

    private void setPostInitScript(SqlServer resource, String script) {
        SqlServer current = world.resource(resource.getMetadata().getName());
        current.getSpec().setSqlPostInitScript(script);
        world.harness.resources(SqlServer.class).inNamespace(NAMESPACE).resource(current).update();
    }

    private Condition initSqlCondition(String name) {
        return Conditions.find(world.resource(name).getStatus().getConditions(), Conditions.INIT_SQL_SUCCEEDED).orElseThrow();
    }

    /** What the Job left for people to read: its log, the resources' status and the Events. */
    private List<String> allText() {
        List<String> text = new ArrayList<>(world.log);
        for (SqlServer resource : world.harness.resources(SqlServer.class).inNamespace(NAMESPACE).list().getItems()) {
            text.add(world.harness.getKubernetesSerialization().asJson(resource.getStatus()));
        }
        world.events().forEach(event -> text.add(event.getReason() + " " + event.getMessage()));
        return text;
    }

    /** No password the Job handled appears anywhere people can read. */
    private void assertNoSecretIn(List<String> log, List<String> text, String... more) throws Exception {
        List<String> secrets = new ArrayList<>(List.of(SqlServerSimulator.SA_PASSWORD));
        secrets.addAll(List.of(more));
        for (SqlServer resource : resources) {
            secrets.add(world.agentLogin(resource.getMetadata().getName()).password());
            secrets.add(world.masterKeyPassword(resource.getMetadata().getName()));
        }
        Map<String, String> certificate = world.secretValues(Names.mirroringCertificateSecret());
        if (certificate != null) {
            secrets.add(certificate.get("private-key-password"));
            secrets.add(certificate.get("private-key"));
        }
        assertThat(text).isNotEmpty();
        for (String secret : secrets) {
            assertThat(text).as("text people can read").noneMatch(line -> line.contains(secret));
        }
    }
}
