package io.github.mssqlk8s.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Log flows from an older SQL Server version to a newer one, never the other way (contract §1: rolling upgrades). */
@Timeout(60)
class SqlServerVersionsTest {

    private static final String OLD = "16.0.4135.4";
    private static final String NEW = "16.0.4140.3";

    private final AgFixture f = new AgFixture(3).withAvailabilityGroup("");

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aRestartOnANewImageReportsTheNewVersion() {
        assertThat(f.client(1).scalar("SELECT CONVERT(NVARCHAR(128), SERVERPROPERTY('ProductVersion'))")).isEqualTo(OLD);

        restartOn(1, NEW);

        assertThat(f.client(1).scalar("SELECT CONVERT(NVARCHAR(128), SERVERPROPERTY('ProductVersion'))")).isEqualTo(NEW);
        assertThat((String) f.client(1).scalar("SELECT @@VERSION")).contains(NEW).doesNotContain(OLD);
    }

    @Test
    void anUpgradedSecondaryStillReceivesLogFromTheOlderPrimary() {
        restartOn(1, NEW);

        f.awaitLocalSyncState(1, "SYNCHRONIZED");
        f.client(0).exec("USE appdb; INSERT INTO t (id, v) VALUES (1, N'to the newer secondary')");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Integer.valueOf(1).equals(f.client(1).scalar("SELECT COUNT(*) FROM appdb.dbo.t")));
    }

    @Test
    void aNewerPrimaryCannotSendLogToAnOlderSecondaryUntilItIsUpgradedToo() {
        restartOn(1, NEW);
        f.awaitLocalSyncState(1, "SYNCHRONIZED");
        f.client(1).externalCluster();
        f.client(1).exec("ALTER AVAILABILITY GROUP [ag1] FAILOVER");

        f.client(1).exec("USE appdb; INSERT INTO t (id, v) VALUES (2, N'written on the newer primary')");

        f.awaitLocalSyncState(2, "NOT SYNCHRONIZING");
        assertThat(f.client(2).scalar("SELECT COUNT(*) FROM appdb.dbo.t")).isEqualTo(0);
        f.client(2).externalCluster();
        assertThat(f.client(2).error("ALTER AVAILABILITY GROUP [ag1] FAILOVER").number())
                .as("an older secondary is never a planned failover target").isEqualTo(41142);

        restartOn(2, NEW);
        f.awaitLocalSyncState(2, "SYNCHRONIZED");
        assertThat(f.client(2).scalar("SELECT COUNT(*) FROM appdb.dbo.t")).isEqualTo(1);
    }

    private void restartOn(int i, String version) {
        f.instances.get(i).restartOnVersion(version);
        f.restart(i);
    }
}
