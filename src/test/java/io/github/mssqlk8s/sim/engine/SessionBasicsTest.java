package io.github.mssqlk8s.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mssqlk8s.sim.SimBatch;
import io.github.mssqlk8s.sim.SimParam;
import io.github.mssqlk8s.sim.SimSqlException;
import io.github.mssqlk8s.sim.SqlType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SessionBasicsTest {

    private final SimNetwork network = new SimNetwork();
    private final SimulatedInstance instance = network.createInstance("sql-0", "Sa-Passw0rd!");
    private final SqlClient sa = SqlClient.connect(instance, "sa", "Sa-Passw0rd!");

    @AfterEach
    void close() {
        network.close();
    }

    @Test
    void identityFunctionsAnswer() {
        var row = sa.query("SELECT @@SERVERNAME AS name, @@SPID AS spid, SERVERPROPERTY('IsHadrEnabled') AS hadr,"
                + " SERVERPROPERTY('ProductVersion') AS version, SERVERPROPERTY('EngineEdition') AS engine,"
                + " SERVERPROPERTY('MachineName') AS machine, DB_NAME() AS db, @@VERSION AS v").get(0);
        assertThat(row).containsEntry("name", "sql-0").containsEntry("hadr", 1).containsEntry("engine", 3)
                .containsEntry("machine", "sql-0").containsEntry("db", "master");
        assertThat(((Short) row.get("spid")).intValue()).isGreaterThanOrEqualTo(51);
        assertThat((String) row.get("v")).startsWith("Microsoft SQL Server");
        assertThat(sa.session.spid()).isGreaterThanOrEqualTo(51);
    }

    @Test
    void useChangesDatabaseAndReportsIt() {
        sa.exec("CREATE DATABASE d1");
        CollectingSink sink = sa.exec("USE [d1]; SELECT DB_NAME() AS db");
        assertThat(sink.databaseChanges).containsExactly("d1");
        assertThat(sink.resultSets.get(0).maps().get(0)).containsEntry("db", "d1");
        assertThat(sa.session.database()).isEqualTo("d1");
        assertThat(sa.error("USE nope").number()).isEqualTo(911);
    }

    @Test
    void syntaxErrorRunsNothingOfTheBatch() {
        SimSqlException e = sa.error("CREATE DATABASE d2; SELEC 1");
        assertThat(e.number()).isEqualTo(102);
        assertThat(sa.query("SELECT name FROM sys.databases WHERE name = 'd2'")).isEmpty();
        assertThat(sa.error("FROBNICATE THE SERVER").number()).isEqualTo(102);
        assertThat(sa.error("SELECT * FROM sys.nothing").number()).isEqualTo(208);
    }

    @Test
    void runtimeErrorDoesNotStopTheBatch() {
        CollectingSink sink = sa.run("CREATE LOGIN [a] WITH PASSWORD = N'x'; CREATE LOGIN [a] WITH PASSWORD = N'x';"
                + " SELECT 1 AS one");
        assertThat(sink.errors).extracting(SimSqlException::number).containsExactly(15025);
        assertThat(sink.resultSets).hasSize(1);
    }

    @Test
    void loginFailuresUseStates5And8() {
        assertThatThrownBy(() -> instance.login("nobody", "x", null, "t"))
                .isInstanceOfSatisfying(SimSqlException.class, e -> {
                    assertThat(e.number()).isEqualTo(18456);
                    assertThat(e.state()).isEqualTo(5);
                });
        assertThatThrownBy(() -> instance.login("sa", "wrong", null, "t"))
                .isInstanceOfSatisfying(SimSqlException.class, e -> assertThat(e.state()).isEqualTo(8));
    }

    @Test
    void loginsPasswordsAndPermissions() throws Exception {
        sa.exec("CREATE LOGIN [agent] WITH PASSWORD = N'Old-Passw0rd!', CHECK_POLICY = OFF");
        assertThat(sa.error("CREATE LOGIN [agent] WITH PASSWORD = N'x'").number()).isEqualTo(15025);
        SqlClient agent = new SqlClient(instance.login("agent", "Old-Passw0rd!", "master", "t"));
        assertThat(agent.error("SELECT * FROM sys.dm_hadr_availability_replica_states").number()).isEqualTo(300);
        assertThat(agent.error("EXEC sp_server_diagnostics").number()).isEqualTo(297);
        assertThat(agent.error("CREATE LOGIN [x] WITH PASSWORD = N'x'").number()).isEqualTo(15247);

        sa.exec("GRANT VIEW SERVER STATE TO [agent]; GRANT ALTER ANY AVAILABILITY GROUP TO [agent];"
                + " GRANT CREATE AVAILABILITY GROUP TO [agent]; GRANT ALTER ANY DATABASE TO [agent]");
        assertThat(agent.query("SELECT * FROM sys.dm_hadr_availability_replica_states")).isEmpty();
        var perms = sa.query("SELECT p.permission_name FROM sys.server_permissions p INNER JOIN sys.server_principals l"
                + " ON p.grantee_principal_id = l.principal_id WHERE l.name = N'agent' ORDER BY p.permission_name");
        assertThat(perms).extracting(m -> m.get("permission_name")).containsExactly("ALTER ANY AVAILABILITY GROUP",
                "ALTER ANY DATABASE", "CONNECT SQL", "CREATE AVAILABILITY GROUP", "VIEW SERVER STATE");

        assertThat(agent.error("ALTER LOGIN [agent] WITH PASSWORD = N'New' OLD_PASSWORD = N'bad'").number()).isEqualTo(15151);
        agent.exec("ALTER LOGIN [agent] WITH PASSWORD = N'New-Passw0rd!' OLD_PASSWORD = N'Old-Passw0rd!'");
        assertThatThrownBy(() -> instance.login("agent", "Old-Passw0rd!", null, "t")).isInstanceOf(SimSqlException.class);
        sa.exec("ALTER LOGIN [agent] WITH PASSWORD = N'Third-Passw0rd!'");
        instance.login("agent", "Third-Passw0rd!", null, "t");
        sa.exec("DROP LOGIN [agent]");
        assertThat(sa.error("DROP LOGIN [agent]").number()).isEqualTo(15151);
        assertThat(sa.query("SELECT name FROM sys.server_principals WHERE name = 'agent'")).isEmpty();
    }

    @Test
    void sessionContextByTextAndRpc() {
        sa.exec("EXEC sp_set_session_context @key = N'external_cluster', @value = N'yes'");
        assertThat(sa.scalar("SELECT SESSION_CONTEXT(N'external_cluster')")).isEqualTo("yes");
        CollectingSink sink = new CollectingSink();
        sa.session.execute(new SimBatch("sp_set_session_context", "", List.of(
                new SimParam("@key", SqlType.NVARCHAR, "k2", false),
                new SimParam("@value", SqlType.NVARCHAR, "v2", false))), sink);
        assertThat(sink.errors).isEmpty();
        assertThat(sink.returnValues).extracting(SimParam::value).containsExactly(0);
        assertThat(sa.scalar("SELECT SESSION_CONTEXT(N'k2')")).isEqualTo("v2");
    }

    @Test
    void appLocksAreExclusivePerSession() throws Exception {
        SqlClient other = new SqlClient(instance.login("sa", "Sa-Passw0rd!", "master", "t"));
        assertThat(sa.scalar("DECLARE @r INT; EXEC @r = sp_getapplock @Resource = N'leader', @LockMode = 'Exclusive',"
                + " @LockOwner = 'Session', @LockTimeout = 0; SELECT @r")).isEqualTo(0);
        assertThat(other.scalar("DECLARE @r INT; EXEC @r = sp_getapplock @Resource = N'leader', @LockMode = 'Exclusive',"
                + " @LockOwner = 'Session', @LockTimeout = 50; SELECT @r")).isEqualTo(-1);
        sa.exec("EXEC sp_releaseapplock @Resource = N'leader', @LockOwner = 'Session'");
        assertThat(other.scalar("DECLARE @r INT; EXEC @r = sp_getapplock @Resource = N'leader', @LockMode = 'Exclusive',"
                + " @LockOwner = 'Session', @LockTimeout = 0; SELECT @r")).isEqualTo(0);
        other.session.close();
        assertThat(sa.scalar("DECLARE @r INT; EXEC @r = sp_getapplock @Resource = N'leader', @LockMode = 'Exclusive',"
                + " @LockOwner = 'Session', @LockTimeout = 0; SELECT @r")).isEqualTo(0);
        assertThat(other.error("EXEC sp_releaseapplock @Resource = N'none'").number()).isEqualTo(1223);
    }

    @Test
    void userDataInsertSelectAndTransactions() {
        sa.exec("CREATE DATABASE app; USE app; CREATE TABLE t (id BIGINT PRIMARY KEY, v NVARCHAR(100))");
        CollectingSink sink = sa.exec("INSERT INTO t (id, v) VALUES (1, N'a'), (2, @p)",
                new SimParam("@p", SqlType.NVARCHAR, "b", false));
        assertThat(sink.counts).containsExactly(2L);
        assertThat(sa.error("INSERT INTO t (id, v) VALUES (1, N'dup')").number()).isEqualTo(2627);
        assertThat(sa.scalar("SELECT COUNT(*) FROM t")).isEqualTo(2);
        assertThat(sa.scalar("SELECT MAX(id) FROM t")).isEqualTo(2L);
        assertThat(sa.scalar("SELECT v FROM t WHERE id = @id", new SimParam("@id", SqlType.INT, 2, false))).isEqualTo("b");
        sa.exec("BEGIN TRAN; INSERT INTO t (id, v) VALUES (3, N'c'); ROLLBACK");
        assertThat(sa.scalar("SELECT COUNT(*) FROM t")).isEqualTo(2);
        sa.exec("BEGIN TRANSACTION; INSERT INTO t (id, v) VALUES (3, N'c'); COMMIT TRANSACTION");
        assertThat(sa.scalar("SELECT COUNT(*) FROM app.dbo.t")).isEqualTo(3);
        assertThat(sa.query("SELECT id FROM t WHERE id > 1 AND v IS NOT NULL ORDER BY id DESC"))
                .extracting(m -> m.get("id")).containsExactly(3L, 2L);
    }

    @Test
    void ifNotExistsMakesIdempotentDdlAndTheLogShowsIt() {
        String script = "IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = N'agent')"
                + " CREATE LOGIN [agent] WITH PASSWORD = N'P-assw0rd!'";
        sa.exec(script);
        int mark = instance.statementLog().size();
        sa.exec(script);
        assertThat(instance.statementLog().since(mark)).extracting(StatementLog.Entry::kind)
                .doesNotContain(StatementKind.DDL);
        assertThat(instance.statementLog().ofKind(StatementKind.DDL)).hasSize(1)
                .allSatisfy(e -> assertThat(e.login()).isEqualTo("sa"));
    }

    @Test
    void appLockByRpcAnswersItsReturnStatus() {
        CollectingSink sink = new CollectingSink();
        sa.session.execute(new SimBatch("sp_getapplock", "", List.of(
                new SimParam("@Resource", SqlType.NVARCHAR, "r", false),
                new SimParam("@LockMode", SqlType.VARCHAR, "Exclusive", false),
                new SimParam("@LockOwner", SqlType.VARCHAR, "Session", false),
                new SimParam("@LockTimeout", SqlType.INT, 0, false))), sink);
        assertThat(sink.errors).isEmpty();
        assertThat(sink.returnValues).singleElement().satisfies(p -> {
            assertThat(p.name()).isNull();
            assertThat(p.value()).isEqualTo(0);
        });
        assertThat(instance.statementLog().ofKind(StatementKind.PROCEDURE)).hasSize(1);
    }

    @Test
    void castInAndLike() {
        assertThat(sa.scalar("SELECT CAST(SERVERPROPERTY('IsHadrEnabled') AS INT)")).isEqualTo(1);
        assertThat(sa.scalar("SELECT CONVERT(NVARCHAR(128), SERVERPROPERTY('ProductVersion'))")).isEqualTo("16.0.4135.4");
        assertThat(sa.query("SELECT name FROM sys.databases WHERE name IN (N'master', N'msdb') ORDER BY 1"))
                .extracting(m -> m.get("name")).containsExactly("master", "msdb");
        assertThat(sa.query("SELECT name FROM sys.databases WHERE name LIKE 'm%' AND name NOT LIKE '%db'"))
                .extracting(m -> m.get("name")).containsExactlyInAnyOrder("master", "model");
    }

    @Test
    void nameResolutionErrorsAbortTheBatch() {
        CollectingSink sink = sa.run("SELECT * FROM nowhere; SELECT 1 AS one");
        assertThat(sink.errors).extracting(SimSqlException::number).containsExactly(208);
        assertThat(sink.resultSets).isEmpty();
    }
}
