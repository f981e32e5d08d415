package io.github.mssqlk8s.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimingSettingsTest {

    private static TimingSettings with(long leaseMs, long renewMs, long monitorMs, long writeLeaseMs) {
        TimingSettings d = TimingSettings.defaults();
        return new TimingSettings(Duration.ofMillis(leaseMs), Duration.ofMillis(renewMs), Duration.ofMillis(renewMs / 2),
                Duration.ofMillis(monitorMs), Duration.ofMillis(writeLeaseMs), d.commitStuckTimeout(),
                d.transientDbTimeout(), Duration.ofMillis(monitorMs * 3), d.writeLeaseMargin());
    }

    @Test
    void contractDefaultsAreValidWithAFiveSecondWriteLeaseMargin() {
        TimingSettings d = TimingSettings.defaults();

        assertThat(d.leaseDuration()).hasSeconds(10);
        assertThat(d.renewDeadline()).hasSeconds(5);
        assertThat(d.retryPeriod()).isEqualTo(Duration.ofMillis(2500));
        assertThat(d.commitStuckTimeout()).hasSeconds(60);
        // F1: the margin waited past a write lease is no longer eaten by clock skew; 5 s as Microsoft's agent waits
        assertThat(d.writeLeaseMargin()).hasSeconds(5);
    }

    @ParameterizedTest(name = "lease {0} ms, renew {1} ms, monitor {2} ms, write lease {3} ms")
    @CsvSource({
            "10000, 5000, 1000, 10000, must stay below the lease duration",
            "10000, 5000, 1000, 12000, must stay below the lease duration",
            "10000, 5000, 1000,  1000, must exceed the monitor period",
            "10000, 5000, 2000,  2000, must exceed the monitor period",
            "10000, 5000, 1000,  6500, whole seconds",
            "10000, 10000, 1000, 7000, renew deadline 10s must be shorter than the lease duration",
    })
    void invalidCombinationsAreRefusedWithTheRule(long lease, long renew, long monitor, long writeLease, String rule) {
        assertThatThrownBy(() -> with(lease, renew, monitor, writeLease))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(rule);
    }

    @Test
    void aValidNonDefaultCombinationIsAccepted() {
        assertThat(with(20000, 10000, 2000, 15000).writeLeaseValidity()).hasSeconds(15);
    }
}
