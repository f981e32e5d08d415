package io.github.mssqlk8s.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mssqlk8s.testing.TestLeaseSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeaseSettingsTest {

    @Test
    void theContractsDefaultsDeriveFromTheLeaseDuration() {
        LeaseSettings defaults = TestLeaseSettings.defaults();

        assertThat(defaults.effectiveRenewDeadlineSeconds()).isEqualTo(5);
        assertThat(defaults.effectiveRetryPeriodSeconds()).isEqualTo(2);
        assertThat(defaults.effectiveSqlWriteLeasePeriodSeconds()).isEqualTo(7);
        assertThat(defaults.problems()).isEmpty();
    }

    @Test
    void aWriteLeaseAsLongAsTheLeaseIsRefused() {
        LeaseSettings settings = new TestLeaseSettings(10, Optional.empty(), Optional.empty(), 1, 1, Optional.of(10));

        assertThat(settings.problems()).singleElement().asString()
                .startsWith("MSSQL_K8S_SQL_WRITE_LEASE_PERIOD_SECONDS (10) must exceed the monitor period (1) and stay below");
    }

    @Test
    void aWriteLeaseNoLongerThanTheMonitorPeriodIsRefused() {
        LeaseSettings settings = new TestLeaseSettings(10, Optional.empty(), Optional.empty(), 1, 3, Optional.of(3));

        assertThat(settings.problems()).anySatisfy(problem -> assertThat(problem).contains("must exceed the monitor period (3)"));
    }

    @Test
    void aRenewDeadlineBeyondTheLeaseIsRefused() {
        LeaseSettings settings = new TestLeaseSettings(10, Optional.of(12), Optional.empty(), 1, 1, Optional.empty());

        assertThat(settings.problems()).anySatisfy(problem -> assertThat(problem).contains("MSSQL_K8S_RENEW_DEADLINE_SECONDS (12)"));
    }
}
