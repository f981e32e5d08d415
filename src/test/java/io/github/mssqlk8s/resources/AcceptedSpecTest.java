package io.github.mssqlk8s.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SecretReference;
import io.github.mssqlk8s.api.SqlServerSpec;
import io.github.mssqlk8s.testing.TestResources;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class AcceptedSpecTest {

    private static SqlServerSpec spec() {
        return TestResources.sqlServer("mssql1", "ns1", AvailabilityGroupRef.named("ag1")).getSpec();
    }

    @Test
    void theFieldsThatMayChangeAreNotCompared() {
        String accepted = AcceptedSpec.of(spec());
        SqlServerSpec changed = spec();
        changed.getAvailabilityGroups().add(AvailabilityGroupRef.named("ag2"));
        changed.setSqlPostInitScript("SELECT 1");

        assertThat(AcceptedSpec.changedFields(accepted, changed)).isEmpty();
    }

    @Test
    void everyOtherChangeIsNamed() {
        String accepted = AcceptedSpec.of(spec());
        SqlServerSpec changed = spec();
        changed.setPid("Enterprise");
        changed.setSaPassword(new SecretReference("other", "sapassword"));
        changed.setMonitorPolicy(4);

        assertThat(AcceptedSpec.changedFields(accepted, changed)).containsExactly("spec.monitorPolicy", "spec.pid", "spec.saPassword");
    }

    @Test
    void anEmptyListMeansTheSameAsNone() {
        SqlServerSpec withEmpty = spec();
        withEmpty.getSqlServerContainer().setEnv(new ArrayList<>());
        SqlServerSpec withNull = spec();
        withNull.getSqlServerContainer().setEnv(null);

        assertThat(AcceptedSpec.changedFields(AcceptedSpec.of(withEmpty), withNull)).isEmpty();
    }

    @Test
    void aFieldSetLaterCountsAsAChange() {
        String accepted = AcceptedSpec.of(spec());
        SqlServerSpec changed = spec();
        changed.setQueryCommandTimeoutSec(20);

        assertThat(AcceptedSpec.changedFields(accepted, changed)).containsExactly("spec.queryCommandTimeoutSec");
    }
}
