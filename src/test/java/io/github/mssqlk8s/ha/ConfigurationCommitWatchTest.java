package io.github.mssqlk8s.ha;

import static io.github.mssqlk8s.ha.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * F9: a waiting configuration commit is timed from when the agent first saw it in
 * {@code current_configuration_commit_start_time_utc}, on its own clock; the column's value only tells commits apart.
 */
class ConfigurationCommitWatchTest {

    private static final String COMMIT_A = "2026-01-01 00:00:07.1234567";
    private static final String COMMIT_B = "2026-01-01 00:01:00.0000000";

    @Test
    void noCommitWaiting() {
        assertThat(ConfigurationCommitWatch.NONE.observe(null, at(5)).pendingSince()).isNull();
    }

    @Test
    void aWaitingCommitCountsFromWhenTheAgentFirstSawIt() {
        ConfigurationCommitWatch watch = ConfigurationCommitWatch.NONE.observe(COMMIT_A, at(5)).observe(COMMIT_A, at(9));
        assertThat(watch.pendingSince()).as("not the SQL Server time in the column, and not the last read")
                .isEqualTo(at(5));
    }

    @Test
    void anotherCommitStartsAFreshWait() {
        ConfigurationCommitWatch watch = ConfigurationCommitWatch.NONE.observe(COMMIT_A, at(5)).observe(COMMIT_B, at(9));
        assertThat(watch.pendingSince()).isEqualTo(at(9));
    }

    @Test
    void aCommitThatCompletedEndsTheWait() {
        ConfigurationCommitWatch watch = ConfigurationCommitWatch.NONE.observe(COMMIT_A, at(5)).observe(null, at(6))
                .observe(COMMIT_A, at(20));
        assertThat(watch.pendingSince()).isEqualTo(at(20));
    }

    @Test
    void theTimeoutScalesWithTheLease() {
        assertThat(TimingSettings.defaults().commitStuckTimeout()).hasSeconds(60);
        assertThat(TimingSettings.commitStuckTimeoutFor(java.time.Duration.ofSeconds(4))).hasSeconds(24);
    }
}
