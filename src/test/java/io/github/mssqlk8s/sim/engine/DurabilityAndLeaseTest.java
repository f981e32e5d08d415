package io.github.mssqlk8s.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.mssqlk8s.sim.SimBatch;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DurabilityAndLeaseTest {

    private AgFixture f;

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void commitIsNotAcknowledgedWithoutTheRequiredSynchronizedSecondaries() {
        f = new AgFixture(3).withAvailabilityGroup("REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT = 1");
        f.network.isolate("sql-0");
        f.awaitLocalSyncState(1, "NOT SYNCHRONIZING");
        f.awaitLocalSyncState(2, "NOT SYNCHRONIZING");

        CollectingSink sink = new CollectingSink();
        CompletableFuture<Void> insert = CompletableFuture.runAsync(() -> f.client(0).session.execute(
                SimBatch.sql("USE appdb; INSERT INTO t (id, v) VALUES (1, N'needs a copy')"), sink));
        // Still waiting while no synchronous secondary can harden the commit.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !insert.isDone());
        assertThat(sink.counts).isEmpty();

        f.network.reconnect("sql-0");
        await().atMost(Duration.ofSeconds(10)).until(insert::isDone);
        assertThat(sink.errors).isEmpty();
        assertThat(sink.counts).containsExactly(1L);
    }

    @Test
    void aSecondaryThatDroppedOutOfTheSynchronizedSetFallsBehindInSequenceNumber() {
        f = new AgFixture(3).withAvailabilityGroup("REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT = 1");
        long before = f.sequenceNumber(0);
        f.network.link("sql-0", "sql-1").cut();
        f.awaitLocalSyncState(1, "NOT SYNCHRONIZING");

        f.client(0).exec("USE appdb; INSERT INTO t (id, v) VALUES (1, N'acknowledged without sql-1')");

        // The commit was acknowledged by sql-2 only: sql-2 saw the change of the synchronized set, sql-1 did not,
        // so the sequence number tells a cluster manager which secondary has every acknowledged commit.
        assertThat(f.sequenceNumber(0)).isGreaterThan(before);
        await().atMost(Duration.ofSeconds(5)).until(() -> f.sequenceNumber(2) == f.sequenceNumber(0));
        assertThat(f.sequenceNumber(1)).isEqualTo(before);
        assertThat(f.client(2).scalar("SELECT COUNT(*) FROM appdb.dbo.t")).isEqualTo(1);
    }

    @Test
    void aPrimaryCutOffFromEverySecondaryDoesNotRaiseItsSequenceNumber() {
        f = new AgFixture(3).withAvailabilityGroup("REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT = 1");
        long before = f.sequenceNumber(0);
        f.network.isolate("sql-0");
        f.awaitLocalSyncState(1, "NOT SYNCHRONIZING");
        f.awaitLocalSyncState(2, "NOT SYNCHRONIZING");
        // The change of the synchronized set has no secondary to go to: it stays pending, as a stuck commit.
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
                .until(() -> f.sequenceNumber(0) == before);

        f.network.reconnect("sql-0");
        await().atMost(Duration.ofSeconds(10)).until(() -> f.sequenceNumber(0) == before + 1
                && f.sequenceNumber(1) == before + 1 && f.sequenceNumber(2) == before + 1);
    }

    @Test
    void aWaitingCommitEndsWhenTheClientCancels() {
        f = new AgFixture(2).withAvailabilityGroup("REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT = 1");
        f.network.link("sql-0", "sql-1").cut();
        CollectingSink sink = new CollectingSink();
        CompletableFuture<Void> insert = CompletableFuture.runAsync(() -> f.client(0).session.execute(
                SimBatch.sql("USE appdb; INSERT INTO t (id, v) VALUES (1, N'x')"), sink));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !insert.isDone());
        sink.cancel();
        await().atMost(Duration.ofSeconds(5)).until(insert::isDone);
        assertThat(sink.counts).isEmpty();
    }

    @Test
    void noWriteAfterTheWriteLeaseRanOut() {
        AtomicLong clock = new AtomicLong(System.nanoTime());
        f = new AgFixture(2, i -> i == 0 ? AgFixture.options().nanoTime(clock::get) : AgFixture.options())
                .withAvailabilityGroup("WRITE_LEASE_VALIDITY = 20");

        SqlClient primary = f.client(0);
        primary.exec("USE appdb; INSERT INTO t (id, v) VALUES (1, N'within lease')");
        assertThat((Long) primary.scalar("SELECT write_lease_remaining_ticks FROM sys.dm_hadr_availability_replica_states"
                + " WHERE is_local = 1")).isPositive();
        primary.externalCluster();
        primary.exec("ALTER AVAILABILITY GROUP [ag1] SET (WRITE_LEASE_VALIDITY = 30)");
        assertThat(primary.error("ALTER AVAILABILITY GROUP [ag1] SET (WRITE_LEASE_VALIDITY = 5)").number()).isEqualTo(47119);

        clock.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(primary.error("INSERT INTO t (id, v) VALUES (2, N'after lease')").number()).isEqualTo(983);
        assertThat(primary.scalar("SELECT role_desc FROM sys.dm_hadr_availability_replica_states WHERE is_local = 1"))
                .isEqualTo("RESOLVING");
        assertThat(primary.error("ALTER AVAILABILITY GROUP [ag1] SET (WRITE_LEASE_VALIDITY = 30)").number()).isEqualTo(47116);
    }

    @Test
    void aRenewalPastItsDeadlineIsThrownBeforeItRuns() {
        f = new AgFixture(2).withAvailabilityGroup("WRITE_LEASE_VALIDITY = 20");
        SqlClient primary = f.client(0);
        primary.externalCluster();
        String late = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(1).toString();
        String early = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(60).toString();

        assertThat(primary.error("IF SYSUTCDATETIME() > CAST(N'" + late + "' AS DATETIME2) THROW 50001, N'too late', 1;"
                + " ALTER AVAILABILITY GROUP [ag1] SET (WRITE_LEASE_VALIDITY = 1)").number()).isEqualTo(50001);
        primary.exec("IF SYSUTCDATETIME() > CAST(N'" + early + "' AS DATETIME2) THROW 50001, N'too late', 1;"
                + " ALTER AVAILABILITY GROUP [ag1] SET (WRITE_LEASE_VALIDITY = 30)");
    }

    @Test
    void certificateMismatchDisconnectsTheReplicas() {
        f = new AgFixture(2).withAvailabilityGroup("");
        f.client(1).exec("CREATE CERTIFICATE other_cert WITH SUBJECT = 'other'");
        f.client(1).exec("ALTER ENDPOINT [hadr_endpoint] FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE other_cert)");
        f.awaitLocalSyncState(1, "NOT SYNCHRONIZING");
        assertThat(f.client(1).scalar("SELECT connected_state_desc FROM sys.dm_hadr_availability_replica_states"
                + " WHERE is_local = 1")).isEqualTo("DISCONNECTED");
        f.client(1).exec("ALTER ENDPOINT [hadr_endpoint] FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE dbm_cert)");
        f.awaitLocalSyncState(1, "SYNCHRONIZED");
    }
}
