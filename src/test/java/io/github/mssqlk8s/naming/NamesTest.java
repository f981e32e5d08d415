package io.github.mssqlk8s.naming;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.testing.TestResources;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NamesTest {

    private static final SqlServer MSSQL1 = TestResources.sqlServer("mssql1", "ns1", AvailabilityGroupRef.named("ag1"));

    @Test
    void instanceObjectsAreNamedAfterTheResource() {
        assertThat(Names.statefulSet(MSSQL1)).isEqualTo("mssql1");
        assertThat(Names.pod(MSSQL1)).isEqualTo("mssql1-0");
        assertThat(Names.headlessService(MSSQL1)).isEqualTo("mssql1-hadr");
        assertThat(Names.agents(MSSQL1)).isEqualTo("mssql1-agents");
        assertThat(Names.initSqlJob(MSSQL1, 7)).isEqualTo("mssql1-init-sql-7");
        assertThat(Names.agentLoginSecret(MSSQL1)).isEqualTo("mssql1-agent-login");
        assertThat(Names.pvcOfInstanceRoot(MSSQL1)).isEqualTo("mssql-mssql1-0");
    }

    @Test
    void theEndpointUrlUsesThePodsStableDnsName() {
        assertThat(Names.endpointUrl("mssql1", "ns1")).isEqualTo("TCP://mssql1-0.mssql1-hadr.ns1.svc:5022");
    }

    @Test
    void availabilityGroupObjectsKeepThePreviewsNames() {
        assertThat(Names.primaryService("ag1")).isEqualTo("ag1-primary");
        assertThat(Names.secondaryService("ag1")).isEqualTo("ag1-secondary");
        assertThat(Names.availabilityGroupConfigMap("ag1")).isEqualTo("ag1");
        assertThat(Labels.role("ag1")).isEqualTo("role.ag.mssql.microsoft.com/ag1");
        assertThat(Labels.mode("ag1")).isEqualTo("mode.ag.mssql.microsoft.com/ag1");
        assertThat(Labels.availabilityGroupOfRoleLabel("role.ag.mssql.microsoft.com/ag1")).isEqualTo("ag1");
        assertThat(Labels.availabilityGroupOfRoleLabel("mode.ag.mssql.microsoft.com/ag1")).isNull();
    }

    @Test
    void noNameWeMakeForAnInstanceTakesAServiceNameUsersWroteForThePreview() {
        List<String> ours = Stream.of(Names.headlessService(MSSQL1), Names.agents(MSSQL1), Names.initSql(MSSQL1)).toList();

        assertThat(ours).doesNotContain("mssql1").noneMatch(name -> name.endsWith("-primary") || name.contains("-secondary"));
    }

    @Test
    void theLongestNameFitsTheHostNameLimit() {
        String longest = "m".repeat(Names.MAX_INSTANCE_NAME_LENGTH);

        assertThat(Names.pod(longest)).hasSize(Names.MAX_HOST_NAME_LENGTH);
    }

    @Test
    void theLongestAvailabilityGroupNameFitsEveryDerivedName() {
        String longest = "a".repeat(53);

        assertThat(longest).matches(AvailabilityGroupRef.NAME_PATTERN);
        assertThat(Stream.of(Names.primaryService(longest), Names.secondaryService(longest),
                Names.availabilityGroupLease(longest), Names.legacyAvailabilityGroupDisruptionBudget(longest)))
                .allSatisfy(name -> assertThat(name.length()).isLessThanOrEqualTo(63));
        assertThat(Labels.role(longest).substring(Labels.role(longest).indexOf('/') + 1)).hasSizeLessThanOrEqualTo(63);
    }
}
