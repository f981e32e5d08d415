package io.github.mssqlk8s.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.mssqlk8s.sim.SimBatch;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each {@link EngineBehaviour} switch, polite and at its worst (each test sets the one it shows). */
@Timeout(60)
class EngineBehaviourTest {

    private AgFixture f;

    @AfterEach
    void close() {
        f.close();
    }

    private static Duration timeout() {
        return Duration.ofSeconds(10);
    }

    // ---- a reachable old primary at FAILOVER ----

    @Test
    void politelyAReachableOldPrimaryHandsOverAtFailover() {
        f = new AgFixture(3).withAvailabilityGroup("");
        f.network.behaviour().polite();
        f.client(1).externalCluster();
        f.client(1).exec("ALTER AVAILABILITY GROUP [ag1] FAILOVER");
        assertThat(f.role(0)).isEqualTo("SECONDARY");
        assertThat(f.instances.get(0).acceptsWrites(AgFixture.AG)).isFalse();
    }

    @Test
    void atWorstAReachableOldPrimaryStaysWritableUntilToldOffline() {
        f = new AgFixture(3).withAvailabilityGroup("");
        f.network.behaviour().oldPrimaryStaysPrimary = true;
        f.client(1).externalCluster();
        f.client(1).exec("ALTER AVAILABILITY GROUP [ag1] FAILOVER");

        // Both stay PRIMARY although they reach each other; the old one still acknowledges writes alone.
        await().during(Duration.ofMillis(200)).atMost(timeout()).until(() -> "PRIMARY".equals(f.role(0))
                && "PRIMARY".equals(f.role(1)));
        f.client(0).exec("USE appdb; INSERT INTO t (id, v) VALUES (1, N'split brain')");
        assertThat(f.instances.get(0).acceptsWrites(AgFixture.AG)).isTrue();
        assertThat(f.instances.get(1).acceptsWrites(AgFixture.AG)).isTrue();
        // sql-2 follows the newer primary and never goes back to the old one.
        await().atMost(timeout()).until(() -> f.sequenceNumber(2) == f.sequenceNumber(1));
        await().during(Duration.ofMillis(200)).atMost(timeout()).until(() -> f.sequenceNumber(2) == f.sequenceNumber(1));

        f.client(0).externalCluster();
        f.client(0).exec("ALTER AVAILABILITY GROUP [ag1] OFFLINE");
        assertThat(f.role(0)).isEqualTo("RESOLVING");
        f.client(0).exec("ALTER AVAILABILITY GROUP [ag1] SET (ROLE = SECONDARY)");
        f.awaitLocalSyncState(0, "SYNCHRONIZED");
        assertThat(f.client(0).scalar("SELECT COUNT(*) FROM appdb.dbo.t")).as("the split-brain write is gone").isEqualTo(0);
    }

    @Test
    void atWorstAReachableOldPrimaryStaysWritableUntilItsOwnWriteLeaseRunsOut() {
        AtomicLong clock = new AtomicLong(System.nanoTime());
        f = new AgFixture(2, i -> i == 0 ? AgFixture.options().nanoTime(clock::get) : AgFixture.options())
                .withAvailabilityGroup("WRITE_LEASE_VALIDITY = 20");
        f.network.behaviour().oldPrimaryStaysPrimary = true;
        f.client(1).externalCluster();
        f.client(1).exec("ALTER AVAILABILITY GROUP [ag1] FAILOVER");
        assertThat(f.instances.get(0).acceptsWrites(AgFixture.AG)).isTrue();

        clock.addAndGet(Duration.ofSeconds(21).toNanos());
        assertThat(f.instances.get(0).acceptsWrites(AgFixture.AG)).isFalse();
        assertThat(f.role(0)).isEqualTo("RESOLVING");
    }

    // ---- SUSPENDED after a forced failover ----

    @Test
    void politelyTheOtherSecondariesCatchUpAfterAForcedFailover() {
        f = new AgFixture(3).withAvailabilityGroup("");
        f.network.behaviour().polite();
        forceFailoverToSql1WithSql0Lost();
        f.client(1).exec("USE appdb; INSERT INTO t (id, v) VALUES (1, N'after force')");
        await().atMost(timeout()).until(() -> Integer.valueOf(1).equals(f.client(2).scalar("SELECT COUNT(*) FROM appdb.dbo.t")));
        assertThat(isSuspended(2)).isFalse();
    }

    @Test
    void atWorstEveryOtherReplicaIsSuspendedAfterAForcedFailoverUntilResumed() {
        f = new AgFixture(3).withAvailabilityGroup("");
        f.network.behaviour().suspendAfterForcedFailover = true;
        forceFailoverToSql1WithSql0Lost();
        f.client(1).exec("USE appdb; INSERT INTO t (id, v) VALUES (1, N'after force')");

        await().atMost(timeout()).until(() -> isSuspended(2));
        await().during(Duration.ofMillis(200)).atMost(timeout()).until(() -> "NOT SYNCHRONIZING".equals(f.localSyncState(2)));
        assertThat(f.client(2).scalar("SELECT COUNT(*) FROM appdb.dbo.t")).isEqualTo(0);
        assertThat(f.client(1).scalar("SELECT COUNT(*) FROM sys.dm_hadr_database_replica_states WHERE is_local = 0"
                + " AND is_suspended = 1")).as("the primary sees it suspended").isEqualTo(1);
        f.client(2).externalCluster();
        assertThat(f.client(2).error("ALTER AVAILABILITY GROUP [ag1] FAILOVER").number()).isEqualTo(41142);

        f.client(2).exec("ALTER DATABASE [appdb] SET HADR RESUME");
        f.awaitLocalSyncState(2, "SYNCHRONIZED");
        assertThat(f.client(2).scalar("SELECT COUNT(*) FROM appdb.dbo.t")).isEqualTo(1);

        // The former primary, back and attached as a secondary, is suspended too.
        f.instances.get(0).start();
        SqlClient old = SqlClient.connect(f.instances.get(0), "sa", AgFixture.SA_PASSWORD);
        old.externalCluster();
        old.exec("ALTER AVAILABILITY GROUP [ag1] SET (ROLE = SECONDARY)");
        await().atMost(timeout()).until(() -> Boolean.TRUE.equals(old.scalar(
                "SELECT is_suspended FROM sys.dm_hadr_database_replica_states WHERE is_local = 1")));
        old.exec("ALTER DATABASE [appdb] SET HADR RESUME");
        await().atMost(timeout()).until(() -> Integer.valueOf(1).equals(old.scalar("SELECT COUNT(*) FROM appdb.dbo.t")));
    }

    private void forceFailoverToSql1WithSql0Lost() {
        f.instances.get(0).crash();
        f.client(1).externalCluster();
        f.client(1).exec("ALTER AVAILABILITY GROUP [ag1] FORCE_FAILOVER_ALLOW_DATA_LOSS");
        assertThat(f.role(1)).isEqualTo("PRIMARY");
    }

    private boolean isSuspended(int i) {
        return Boolean.TRUE.equals(f.client(i).scalar("SELECT is_suspended FROM sys.dm_hadr_database_replica_states"
                + " WHERE is_local = 1"));
    }

    // ---- a primary cut off from every synchronous secondary ----

    @Test
    void politelyAConfigurationChangeCommitsWithoutAnySynchronousSecondary() {
        f = new AgFixture(3).withAvailabilityGroup("REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT = 1");
        f.network.behaviour().polite();
        isolatePrimary();
        f.client(0).exec("ALTER AVAILABILITY GROUP [ag1] SET (DB_FAILOVER = OFF)");
    }

    @Test
    void atWorstConfigurationCommitsHangWithoutASynchronousSecondaryAndTheirStartIsShown() {
        f = new AgFixture(3).withAvailabilityGroup("REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT = 1");
        f.network.behaviour().configurationCommitsNeedSynchronousSecondary = true;
        assertThat(configurationCommitStart()).isNull();
        isolatePrimary();
        // The change of the synchronized set itself cannot be committed: it shows as a configuration commit.
        await().atMost(timeout()).until(() -> configurationCommitStart() != null);

        CollectingSink sink = new CollectingSink();
        CompletableFuture<Void> change = CompletableFuture.runAsync(() -> f.client(0).session.execute(
                SimBatch.sql("ALTER AVAILABILITY GROUP [ag1] SET (DB_FAILOVER = OFF)"), sink));
        await().during(Duration.ofMillis(300)).atMost(timeout()).until(() -> !change.isDone());
        SqlClient monitor = SqlClient.connect(f.instances.get(0), "sa", AgFixture.SA_PASSWORD);
        assertThat(monitor.scalar("SELECT current_configuration_commit_start_time_utc FROM"
                + " sys.dm_hadr_availability_replica_states WHERE is_local = 1")).isInstanceOf(LocalDateTime.class);
        // A commit hangs as well (REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT = 1).
        CompletableFuture<Void> insert = CompletableFuture.runAsync(() -> SqlClient.connect(f.instances.get(0), "sa",
                AgFixture.SA_PASSWORD).run("USE appdb; INSERT INTO t (id, v) VALUES (1, N'needs a copy')"));
        await().during(Duration.ofMillis(300)).atMost(timeout()).until(() -> !insert.isDone());

        f.network.reconnect("sql-0");
        await().atMost(timeout()).until(() -> change.isDone() && insert.isDone());
        assertThat(sink.errors).isEmpty();
        await().atMost(timeout()).until(() -> monitor.scalar("SELECT current_configuration_commit_start_time_utc FROM"
                + " sys.dm_hadr_availability_replica_states WHERE is_local = 1") == null);
    }

    private void isolatePrimary() {
        f.client(0).externalCluster();
        f.network.isolate("sql-0");
        f.awaitLocalSyncState(1, "NOT SYNCHRONIZING");
        f.awaitLocalSyncState(2, "NOT SYNCHRONIZING");
    }

    private Object configurationCommitStart() {
        return f.client(0).scalar("SELECT current_configuration_commit_start_time_utc FROM"
                + " sys.dm_hadr_availability_replica_states WHERE is_local = 1");
    }

    // ---- the new primary's write lease ----

    @Test
    void theDefaultsAreTheWorstLegalBehaviourExceptTheLeaseAtFailover() {
        f = new AgFixture(1);
        assertThat(f.network.behaviour()).hasToString("old-primary-stays-primary+suspend-after-forced-failover"
                + "+configuration-commits-hang");
        assertThat(f.network.behaviour().polite()).hasToString("polite");
        assertThat(f.network.behaviour().set("worst")).hasToString("old-primary-stays-primary"
                + "+suspend-after-forced-failover+configuration-commits-hang+replica-own-lease-at-failover");
    }

    @Test
    void politelyFailoverStartsAFreshWriteLeaseAndASecondaryRefusesARenewal() {
        f = new AgFixture(2).withAvailabilityGroup("WRITE_LEASE_VALIDITY = 20");
        f.client(1).externalCluster();
        assertThat(f.client(1).error("ALTER AVAILABILITY GROUP [ag1] SET (WRITE_LEASE_VALIDITY = 20)").number()).isEqualTo(47116);
        f.client(1).exec("ALTER AVAILABILITY GROUP [ag1] FAILOVER");
        assertThat(f.instances.get(1).acceptsWrites(AgFixture.AG)).isTrue();
    }

    @Test
    void atWorstTheNewPrimaryKeepsItsOwnStaleWriteLeaseWhichARenewalOnTheSecondarySets() {
        AtomicLong clock = new AtomicLong(System.nanoTime());
        f = new AgFixture(3, i -> i == 1 ? AgFixture.options().nanoTime(clock::get) : AgFixture.options())
                .withAvailabilityGroup("WRITE_LEASE_VALIDITY = 20");
        f.network.behaviour().leaseAtFailover = EngineBehaviour.LeaseAtFailover.REPLICA_OWN;
        f.client(1).externalCluster();

        // Never renewed on sql-1: FAILOVER makes it a primary whose write lease has already run out.
        f.client(1).exec("ALTER AVAILABILITY GROUP [ag1] FAILOVER");
        assertThat(f.instances.get(1).acceptsWrites(AgFixture.AG)).isFalse();
        assertThat(f.role(1)).isEqualTo("RESOLVING");

        // Renewed on the target first (as Microsoft's agent does), FAILOVER keeps that lease.
        f.client(2).externalCluster();
        f.client(2).exec("ALTER AVAILABILITY GROUP [ag1] SET (WRITE_LEASE_VALIDITY = 20)");
        assertThat(f.client(2).error("ALTER AVAILABILITY GROUP [ag1] SET (WRITE_LEASE_VALIDITY = 5)").number()).isEqualTo(47119);
        f.instances.get(0).crash();
        f.client(2).exec("ALTER AVAILABILITY GROUP [ag1] FORCE_FAILOVER_ALLOW_DATA_LOSS");
        assertThat(f.instances.get(2).acceptsWrites(AgFixture.AG)).isTrue();
        assertThat((Long) f.client(2).scalar("SELECT write_lease_remaining_ticks FROM sys.dm_hadr_availability_replica_states"
                + " WHERE is_local = 1")).isBetween(1L, 20_000L);
    }

    @Test
    void atWorstAGroupWithoutWriteLeaseStillRefusesARenewalOnASecondary() {
        f = new AgFixture(2).withAvailabilityGroup("");
        f.network.behaviour().leaseAtFailover = EngineBehaviour.LeaseAtFailover.REPLICA_OWN;
        f.client(1).externalCluster();
        assertThat(f.client(1).error("ALTER AVAILABILITY GROUP [ag1] SET (WRITE_LEASE_VALIDITY = 20)").number()).isEqualTo(47116);
    }

    @Test
    void theNegativeControlsSabotageMakesARenewedWriteLeaseOutliveItsValidity() {
        AtomicLong clock = new AtomicLong(System.nanoTime());
        f = new AgFixture(2, i -> i == 0 ? AgFixture.options().nanoTime(clock::get) : AgFixture.options())
                .withAvailabilityGroup("WRITE_LEASE_VALIDITY = 20");
        f.network.behaviour().writeLeaseOverstay = Duration.ofSeconds(30);
        f.client(0).externalCluster();
        f.client(0).exec("ALTER AVAILABILITY GROUP [ag1] SET (WRITE_LEASE_VALIDITY = 20)");
        clock.addAndGet(Duration.ofSeconds(40).toNanos());
        assertThat(f.instances.get(0).acceptsWrites(AgFixture.AG)).isTrue();
        clock.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(f.instances.get(0).acceptsWrites(AgFixture.AG)).isFalse();
    }

    // ---- late statements ----

    @Test
    void aLateStatementRunsAfterItsDelayEvenWhenTheClientGaveUp() {
        f = new AgFixture(2).withAvailabilityGroup("");
        f.instances.get(0).setExecutionDelay(Duration.ofMillis(800));
        CollectingSink sink = new CollectingSink();
        sink.cancel();
        long started = System.nanoTime();
        f.client(0).session.execute(SimBatch.sql("USE appdb; INSERT INTO t (id, v) VALUES (1, N'late')"), sink);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(800));

        f.instances.get(0).setExecutionDelay(Duration.ZERO);
        assertThat(f.client(0).scalar("SELECT COUNT(*) FROM appdb.dbo.t")).isEqualTo(1);
        CollectingSink cancelled = new CollectingSink();
        cancelled.cancel();
        f.client(0).session.execute(SimBatch.sql("USE appdb; INSERT INTO t (id, v) VALUES (2, N'on time')"), cancelled);
        assertThat(f.client(0).scalar("SELECT COUNT(*) FROM appdb.dbo.t")).as("without the fault a cancelled batch does not run")
                .isEqualTo(1);
    }
}
