package io.github.mssqlk8s.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mssqlk8s.api.PodOverrides;
import io.github.mssqlk8s.api.SecretKeyRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.testing.TestLeaseSettings;
import io.github.mssqlk8s.testing.TestResources;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadlessServiceTest {

    private static boolean selects(Map<String, String> selector, Map<String, String> podLabels) {
        return podLabels.entrySet().containsAll(selector.entrySet());
    }

    @Test
    void theJobPodsAreAdmittedUnderPodSecurityRestrictedToo() {
        SqlServer resource = TestResources.sqlServer("mssql1", "ns1");
        RotateCredsJob.Request request = new RotateCredsJob.Request(new SecretKeyRef("new-sa", "password"), null, null, false);

        assertThat(PodSecurityRestricted.violations(InitSqlJob.desired(resource).getSpec().getTemplate().getSpec())).isEmpty();
        assertThat(PodSecurityRestricted.violations(RotateCredsJob.desired(resource, request).getSpec().getTemplate().getSpec()))
                .isEmpty();
    }

    @Test
    void selectsSqlServersPodAndNoJobPodEvenWithUsersLabels() {
        SqlServer resource = TestResources.sqlServer("mssql1", "ns1");
        PodOverrides jobPod = new PodOverrides();
        jobPod.setLabels(Map.of("type", "sqlservr", "name", "mssql1"));
        resource.getSpec().setInitSQLPod(jobPod);
        Map<String, String> selector = HeadlessService.desired(resource).getSpec().getSelector();

        assertThat(selects(selector, InstanceStatefulSet.desired(resource, TestLeaseSettings.defaults())
                .getSpec().getTemplate().getMetadata().getLabels())).as("SQL Server's pod").isTrue();
        assertThat(selects(selector, InitSqlJob.desired(resource).getSpec().getTemplate().getMetadata().getLabels()))
                .as("the init-sql Job's pod").isFalse();
        RotateCredsJob.Request request = new RotateCredsJob.Request(new SecretKeyRef("new-sa", "password"), null, null, false);
        assertThat(selects(selector, RotateCredsJob.desired(resource, request).getSpec().getTemplate().getMetadata().getLabels()))
                .as("the rotate-creds Job's pod").isFalse();
    }
}
