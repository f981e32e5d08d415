package io.github.mssqlk8s.sim.engine;

import static io.github.mssqlk8s.sim.engine.AgFixture.AG;
import static io.github.mssqlk8s.sim.engine.AgFixture.DB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class AvailabilityGroupTest {

    private final AgFixture f = new AgFixture(3).withAvailabilityGroup("");

    @AfterEach
    void close() {
        f.close();
    }

    private static Duration timeout() {
        return Duration.ofSeconds(10);
    }

    @Test
    void seedingReachesJoinedSecondariesAndDataReplicates() {
        f.client(0).exec("USE appdb; INSERT INTO t (id, v) VALUES (1, N'one')");
        for (int i = 1; i < 3; i++) {
            SqlClient c = f.client(i);
            await().atMost(timeout()).until(() -> Integer.valueOf(1).equals(c.scalar("SELECT COUNT(*) FROM appdb.dbo.t")));
            assertThat(c.query("SELECT state_desc FROM sys.databases WHERE name = N'appdb'").get(0))
                    .containsEntry("state_desc", "ONLINE");
        }
        assertThat(f.client(1).error("USE appdb; INSERT INTO t (id, v) VALUES (2, N'two')").number()).isEqualTo(3906);
    }

    @Test
    void dmvsDescribeTheGroupOnPrimaryAndSecondaries() {
        assertThat(f.role(0)).isEqualTo("PRIMARY");
        assertThat(f.role(1)).isEqualTo("SECONDARY");
        var ag = f.client(0).query("SELECT name, cluster_type_desc, db_failover, required_synchronized_secondaries_to_commit"
                + " FROM sys.availability_groups").get(0);
        assertThat(ag).containsEntry("cluster_type_desc", "external").containsEntry("db_failover", true)
                .containsEntry("required_synchronized_secondaries_to_commit", 0);
        await().atMost(timeout()).until(() -> f.client(0).query(
                "SELECT r.replica_server_name, s.connected_state_desc, s.synchronization_health_desc"
                        + " FROM sys.dm_hadr_availability_replica_states s INNER JOIN sys.availability_replicas r"
                        + " ON s.replica_id = r.replica_id WHERE s.synchronization_health_desc = 'HEALTHY'").size() == 3);
        assertThat(f.client(2).query("SELECT replica_server_name, endpoint_url, availability_mode_desc FROM"
                + " sys.availability_replicas ORDER BY replica_server_name")).hasSize(3);
        assertThat(f.client(0).query("SELECT database_name FROM sys.availability_databases_cluster"))
                .extracting(m -> m.get("database_name")).containsExactly(DB);
        assertThat(f.client(0).query("SELECT is_local, synchronization_state_desc, last_hardened_lsn"
                + " FROM sys.dm_hadr_database_replica_states")).hasSize(3);
    }

    @Test
    void sequenceNumberGrowsWithConfigurationChangesAndSecondariesSeeIt() {
        long before = f.sequenceNumber(0);
        f.client(0).externalCluster();
        f.client(0).exec("ALTER AVAILABILITY GROUP [ag1] MODIFY REPLICA ON N'sql-2' WITH (AVAILABILITY_MODE = ASYNCHRONOUS_COMMIT)");
        f.client(0).exec("ALTER AVAILABILITY GROUP [ag1] SET (REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT = 1)");
        assertThat(f.sequenceNumber(0)).isGreaterThanOrEqualTo(before + 2);
        // Two statements, and sql-2 leaving the synchronized set (it is asynchronous now) is a change too.
        long after = before + 3;
        await().atMost(timeout()).until(() -> f.sequenceNumber(0) == after && f.sequenceNumber(1) == after
                && f.sequenceNumber(2) == after);
        await().atMost(timeout()).until(() -> "SYNCHRONIZING".equals(f.localSyncState(2)));
    }

    @Test
    void roleStatementsNeedTheExternalClusterSessionContext() {
        assertThat(f.client(1).error("ALTER AVAILABILITY GROUP [ag1] FAILOVER").number()).isEqualTo(47104);
        assertThat(f.client(0).error("ALTER AVAILABILITY GROUP [ag1] OFFLINE").number()).isEqualTo(47104);
        assertThat(f.client(0).error("ALTER AVAILABILITY GROUP [ag1] SET (WRITE_LEASE_VALIDITY = 20)").number()).isEqualTo(47104);
        assertThat(f.role(0)).isEqualTo("PRIMARY");
    }

    @Test
    void plannedFailoverMovesThePrimaryAndTheOldOneFollows() {
        f.network.behaviour().polite(); // the worst legal SQL Server keeps the old one PRIMARY: EngineBehaviourTest
        f.client(1).externalCluster();
        long before = f.sequenceNumber(1);
        f.client(1).exec("ALTER AVAILABILITY GROUP [ag1] FAILOVER");
        assertThat(f.role(1)).isEqualTo("PRIMARY");
        assertThat(f.sequenceNumber(1)).isGreaterThan(before);
        assertThat(f.role(0)).isEqualTo("SECONDARY");
        f.client(1).exec("USE appdb; INSERT INTO t (id, v) VALUES (10, N'after failover')");
        await().atMost(timeout()).until(() -> Integer.valueOf(1).equals(f.client(0).scalar("SELECT COUNT(*) FROM appdb.dbo.t")));
        assertThat(f.client(1).error("ALTER AVAILABILITY GROUP [ag1] FAILOVER").number()).isEqualTo(41122);
    }

    @Test
    void failoverIsRefusedWhenTheTargetIsNotSynchronized() {
        f.network.link("sql-0", "sql-1").delay(Duration.ofHours(1));
        f.client(0).exec("USE appdb; INSERT INTO t (id, v) VALUES (1, N'not yet shipped')");
        f.awaitLocalSyncState(1, "SYNCHRONIZING");
        f.client(1).externalCluster();
        assertThat(f.client(1).error("ALTER AVAILABILITY GROUP [ag1] FAILOVER").number()).isEqualTo(41142);
        assertThat(f.role(1)).isEqualTo("SECONDARY");
    }

    @Test
    void asynchronousReplicaCannotTakeAPlannedFailoverButCanBeForced() {
        f.client(0).exec("ALTER AVAILABILITY GROUP [ag1] MODIFY REPLICA ON N'sql-2' WITH (AVAILABILITY_MODE = ASYNCHRONOUS_COMMIT)");
        await().atMost(timeout()).until(() -> "SYNCHRONIZING".equals(f.localSyncState(2)));
        f.client(2).externalCluster();
        assertThat(f.client(2).error("ALTER AVAILABILITY GROUP [ag1] FAILOVER").number()).isEqualTo(41142);
        f.instances.get(0).crash();
        f.client(2).exec("ALTER AVAILABILITY GROUP [ag1] FORCE_FAILOVER_ALLOW_DATA_LOSS");
        assertThat(f.role(2)).isEqualTo("PRIMARY");
    }

    @Test
    void linkCutMakesSecondaryNotSynchronizingAndRestoreResynchronizes() {
        f.network.link("sql-0", "sql-2").cut();
        f.awaitLocalSyncState(2, "NOT SYNCHRONIZING");
        await().atMost(timeout()).until(() -> f.client(0).query("SELECT s.connected_state_desc FROM"
                + " sys.dm_hadr_availability_replica_states s INNER JOIN sys.availability_replicas r ON s.replica_id ="
                + " r.replica_id WHERE r.replica_server_name = N'sql-2' AND s.connected_state_desc = 'DISCONNECTED'").size() == 1);
        f.client(0).exec("USE appdb; INSERT INTO t (id, v) VALUES (5, N'while cut')");
        f.network.link("sql-0", "sql-2").restore();
        f.awaitLocalSyncState(2, "SYNCHRONIZED");
        assertThat(f.client(2).scalar("SELECT COUNT(*) FROM appdb.dbo.t")).isEqualTo(1);
    }

    @Test
    void formerPrimaryComesBackResolvingAfterRestartAndIsAttachedAsSecondary() {
        f.instances.get(0).crash();
        f.client(1).externalCluster();
        f.client(1).exec("ALTER AVAILABILITY GROUP [ag1] FAILOVER");
        f.client(1).exec("USE appdb; INSERT INTO t (id, v) VALUES (7, N'new primary')");
        f.instances.get(0).start();
        SqlClient old = SqlClient.connect(f.instances.get(0), "sa", AgFixture.SA_PASSWORD);
        assertThat(old.scalar("SELECT role_desc FROM sys.dm_hadr_availability_replica_states WHERE is_local = 1"))
                .isEqualTo("RESOLVING");
        assertThat(old.error("USE appdb").number()).isEqualTo(983);
        old.externalCluster();
        old.exec("ALTER AVAILABILITY GROUP [ag1] SET (ROLE = SECONDARY)");
        await().atMost(timeout()).until(() -> Integer.valueOf(1).equals(old.scalar("SELECT COUNT(*) FROM appdb.dbo.t")));
        assertThat(old.error("ALTER AVAILABILITY GROUP [ag1] SET (ROLE = SECONDARY)").number()).isEqualTo(41104);
    }

    @Test
    void restartedFormerPrimaryCanBePromotedWithPlainFailoverButARestartedSecondaryCannot() {
        f.client(0).exec("USE appdb; INSERT INTO t (id, v) VALUES (8, N'before the outage')");
        f.awaitLocalSyncState(1, "SYNCHRONIZED");
        f.restart(1);
        f.restart(0);
        f.client(1).externalCluster();
        assertThat(f.client(1).error("ALTER AVAILABILITY GROUP [ag1] FAILOVER").number()).isEqualTo(41142);
        assertThat(f.role(0)).isEqualTo("RESOLVING");
        long sequenceBefore = f.sequenceNumber(0);
        f.client(0).externalCluster();
        f.client(0).exec("ALTER AVAILABILITY GROUP [ag1] FAILOVER");
        assertThat(f.role(0)).isEqualTo("PRIMARY");
        assertThat(f.sequenceNumber(0)).isGreaterThan(sequenceBefore);
        assertThat(f.client(0).scalar("SELECT COUNT(*) FROM appdb.dbo.t WHERE id = 8")).isEqualTo(1);
        f.awaitLocalSyncState(1, "SYNCHRONIZED");
    }

    @Test
    void secondaryTakenOfflineIsNotPromotableLikeAFormerPrimary() {
        f.awaitLocalSyncState(1, "SYNCHRONIZED");
        f.network.isolate("sql-0");
        f.client(1).externalCluster();
        f.client(1).exec("ALTER AVAILABILITY GROUP [ag1] OFFLINE");
        assertThat(f.role(1)).isEqualTo("RESOLVING");
        assertThat(f.client(1).error("ALTER AVAILABILITY GROUP [ag1] FAILOVER").number()).isEqualTo(41142);
    }

    @Test
    void offlineTurnsThePrimaryResolving() {
        f.client(0).externalCluster();
        f.client(0).exec("ALTER AVAILABILITY GROUP [ag1] OFFLINE");
        assertThat(f.role(0)).isEqualTo("RESOLVING");
        assertThat(f.client(0).error("USE appdb; INSERT INTO t (id, v) VALUES (1, N'x')").number()).isEqualTo(983);
        f.awaitLocalSyncState(1, "NOT SYNCHRONIZING");
        f.client(1).externalCluster();
        f.client(1).exec("ALTER AVAILABILITY GROUP [ag1] FAILOVER");
        f.client(0).exec("ALTER AVAILABILITY GROUP [ag1] SET (ROLE = SECONDARY)");
        f.awaitLocalSyncState(0, "SYNCHRONIZED");
    }

    @Test
    void addAndRemoveReplicaAndDatabase() {
        f.client(0).exec("ALTER AVAILABILITY GROUP [ag1] REMOVE REPLICA ON N'sql-2'");
        assertThat(f.client(0).query("SELECT replica_server_name FROM sys.availability_replicas")).hasSize(2);
        f.client(0).exec("ALTER AVAILABILITY GROUP [ag1] ADD REPLICA ON " + AgFixture.replica(2, "ASYNCHRONOUS_COMMIT"));
        f.client(0).exec("CREATE DATABASE db2");
        assertThat(f.client(0).error("ALTER AVAILABILITY GROUP [ag1] ADD DATABASE [db2]").getMessage()).contains("backup");
        f.client(0).exec("BACKUP DATABASE [db2] TO DISK = N'NUL'; ALTER AVAILABILITY GROUP [ag1] ADD DATABASE [db2]");
        await().atMost(timeout()).until(() -> f.client(1).query("SELECT name FROM sys.databases WHERE name = 'db2'").size() == 1);
        f.client(2).exec("DROP AVAILABILITY GROUP [ag1]");
        assertThat(f.client(2).query("SELECT name FROM sys.availability_groups")).isEmpty();
    }

    @Test
    void controlOnTheGroupLetsAnAgentLoginManageIt() throws Exception {
        SqlClient sa1 = f.client(1);
        sa1.exec("CREATE LOGIN [agent] WITH PASSWORD = N'Agent-Passw0rd!'");
        SqlClient agent = new SqlClient(f.instances.get(1).login("agent", "Agent-Passw0rd!", "master", "t"));
        agent.externalCluster();
        assertThat(agent.error("ALTER AVAILABILITY GROUP [ag1] FAILOVER").number()).isEqualTo(15151);
        sa1.exec("GRANT CONTROL ON AVAILABILITY GROUP::[ag1] TO [agent]; GRANT VIEW SERVER STATE TO [agent]");
        assertThat(sa1.query("SELECT class_desc, permission_name FROM sys.server_permissions WHERE class_desc = 'AVAILABILITY_GROUP'"))
                .extracting(m -> m.get("permission_name")).containsExactly("CONTROL");
        agent.exec("ALTER AVAILABILITY GROUP [ag1] FAILOVER");
        assertThat(agent.scalar("SELECT role_desc FROM sys.dm_hadr_availability_replica_states WHERE is_local = 1"))
                .isEqualTo("PRIMARY");
    }

    @Test
    void creatingAGroupNeedsSysadminNotJustThePermissions() throws Exception {
        SqlClient sa1 = f.client(1);
        sa1.exec("CREATE LOGIN [agent] WITH PASSWORD = N'Agent-Passw0rd!'");
        sa1.exec("GRANT CREATE AVAILABILITY GROUP TO [agent]; GRANT ALTER ANY AVAILABILITY GROUP TO [agent];"
                + " GRANT CONTROL SERVER TO [agent]");
        SqlClient agent = new SqlClient(f.instances.get(1).login("agent", "Agent-Passw0rd!", "master", "t"));
        String create = "CREATE AVAILABILITY GROUP [ag2] WITH (CLUSTER_TYPE = EXTERNAL) FOR REPLICA ON "
                + AgFixture.replica(1, "SYNCHRONOUS_COMMIT");

        var refused = agent.error(create);
        assertThat(refused.number()).isEqualTo(262);
        assertThat(refused.getMessage()).contains("CREATE AVAILABILITY GROUP permission denied");
        assertThat(sa1.query("SELECT name FROM sys.availability_groups WHERE name = N'ag2'")).isEmpty();
        // the same statement as sa (sysadmin, hence every permission) creates the group
        sa1.exec(create);
        assertThat(sa1.query("SELECT name FROM sys.availability_groups WHERE name = N'ag2'")).hasSize(1);
    }

    @Test
    void isolatedOldPrimaryMeetsTheNewOneAndGivesWay() {
        f.network.behaviour().polite(); // the worst legal SQL Server keeps both PRIMARY: EngineBehaviourTest
        f.network.isolate("sql-0");
        f.awaitLocalSyncState(1, "NOT SYNCHRONIZING");
        f.client(1).externalCluster();
        f.client(1).exec("ALTER AVAILABILITY GROUP [ag1] FAILOVER");
        // Split brain until the old primary hears of the new configuration (the write lease bounds it in practice).
        assertThat(f.role(0)).isEqualTo("PRIMARY");
        assertThat(f.sequenceNumber(1)).isGreaterThan(f.sequenceNumber(0));
        f.network.reconnect("sql-0");
        await().atMost(timeout()).until(() -> "RESOLVING".equals(f.role(0)));
        f.client(0).externalCluster();
        f.client(0).exec("ALTER AVAILABILITY GROUP [ag1] SET (ROLE = SECONDARY)");
        f.awaitLocalSyncState(0, "SYNCHRONIZED");
        assertThat(f.sequenceNumber(0)).isEqualTo(f.sequenceNumber(1));
    }

    @Test
    void secondaryWithoutReadAccessRefusesQueries() {
        f.client(0).exec("ALTER AVAILABILITY GROUP [ag1] MODIFY REPLICA ON N'sql-1' WITH (SECONDARY_ROLE (ALLOW_CONNECTIONS = NO))");
        await().atMost(timeout()).until(() -> f.client(1).run("SELECT COUNT(*) FROM appdb.dbo.t").errors.stream()
                .anyMatch(e -> e.number() == 976));
        assertThat(f.client(1).query("SELECT secondary_role_allow_connections_desc FROM sys.availability_replicas"
                + " WHERE replica_server_name = N'sql-1'").get(0)).containsEntry("secondary_role_allow_connections_desc", "NO");
    }
}
