package io.github.mssqlk8s.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.testing.RbacAudit;
import io.github.mssqlk8s.testing.TestResources;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Roles the operator grants, and its own Role in src/main/kubernetes: exact, and enough. */
class RbacTest {

    private static final SqlServer MSSQL1 =
            TestResources.sqlServer("mssql1", "ns1", AvailabilityGroupRef.named("ag1"), AvailabilityGroupRef.named("ag2"));

    @Test
    void noRuleUsesAWildcard() {
        Stream.of(AgentRbac.agentsRole(MSSQL1), AgentRbac.initSqlRole(MSSQL1), RbacAudit.operatorRole(),
                        AgentRbac.failoverJobRole("ag1"), AgentRbac.rotateCredsRole(MSSQL1))
                .flatMap(role -> role.getRules().stream())
                .forEach(rule -> assertThat(Stream.of(rule.getApiGroups(), rule.getResources(), rule.getVerbs(), rule.getResourceNames())
                        .flatMap(List::stream)).as(rule.toString()).doesNotContain("*"));
    }

    @Test
    void theOperatorHoldsEveryPermissionItGrants() {
        List<PolicyRule> held = RbacAudit.operatorRole().getRules();
        Stream.of(AgentRbac.agentsRole(MSSQL1), AgentRbac.initSqlRole(MSSQL1))
                .flatMap(role -> role.getRules().stream())
                .forEach(granted -> {
                    for (String group : granted.getApiGroups()) {
                        for (String resource : granted.getResources()) {
                            for (String verb : granted.getVerbs()) {
                                assertThat(held).as(group + "/" + resource + " " + verb).anySatisfy(rule -> {
                                    assertThat(rule.getApiGroups()).contains(group);
                                    assertThat(rule.getResources()).contains(resource);
                                    assertThat(rule.getVerbs()).contains(verb);
                                    assertThat(rule.getResourceNames()).isEmpty();
                                });
                            }
                        }
                    }
                });
    }

    @Test
    void theAgentsMayTouchOnlyTheLeasesAndConfigMapsOfTheirGroups() {
        List<PolicyRule> rules = AgentRbac.agentsRole(MSSQL1).getRules();

        assertThat(rules).filteredOn(rule -> rule.getResources().contains("leases") && rule.getVerbs().contains("update"))
                .singleElement().satisfies(rule -> assertThat(rule.getResourceNames()).containsExactly("ag1-leader", "ag2-leader"));
        assertThat(rules).filteredOn(rule -> rule.getResources().contains("configmaps") && rule.getVerbs().contains("update"))
                .singleElement().satisfies(rule -> assertThat(rule.getResourceNames()).containsExactly("ag1", "ag2"));
        assertThat(rules).filteredOn(rule -> rule.getResources().contains("secrets")).isEmpty();
    }

    @Test
    void initSqlMayReadOnlyTheSecretsItNeeds() {
        List<PolicyRule> rules = AgentRbac.initSqlRole(MSSQL1).getRules();

        assertThat(rules).filteredOn(rule -> rule.getResources().contains("secrets") && rule.getVerbs().contains("get"))
                .singleElement().satisfies(rule -> assertThat(rule.getResourceNames())
                        .containsExactlyInAnyOrder("sql-secrets", "mssql1-master-key", "mssql1-agent-login", "mssql-mirroring-certificate"));
    }

    @Test
    void bindingsTieEachRoleToItsOwnAccount() {
        assertThat(AgentRbac.agentsRoleBinding(MSSQL1).getSubjects()).singleElement()
                .satisfies(subject -> assertThat(subject.getName()).isEqualTo("mssql1-agents"));
        assertThat(AgentRbac.agentsRoleBinding(MSSQL1).getRoleRef().getName()).isEqualTo("mssql1-agents");
        assertThat(AgentRbac.initSqlRoleBinding(MSSQL1).getRoleRef().getName()).isEqualTo("mssql1-init-sql");
    }

    @Test
    void theFailoverJobHasThePreviewsRulesWithoutTheDeprecatedEndpoints() {
        assertThat(AgentRbac.failoverJobRole("ag1").getRules()).extracting(
                        rule -> rule.getResources() + " " + rule.getResourceNames() + " " + rule.getVerbs())
                .containsExactly("[configmaps] [ag1] [get, update]", "[pods] [] [list]");
        assertThat(AgentRbac.failoverJobRole("ag1").getRules()).allSatisfy(rule -> assertThat(rule.getApiGroups()).containsExactly(""));
    }

    @Test
    void rotateCredsHasThePreviewsRulesPlusReadingSqlServers() {
        // rotate-creds finds the Secrets and the instances sharing the certificate through the SqlServer resources.
        assertThat(AgentRbac.rotateCredsRole(MSSQL1).getRules()).extracting(
                        rule -> rule.getApiGroups() + " " + rule.getResources() + " " + rule.getResourceNames() + " " + rule.getVerbs())
                .containsExactly("[] [secrets] [] [get, update]", "[] [pods] [] [list]", "[apps] [statefulsets] [] [get]",
                        "[mssql.microsoft.com] [sqlservers] [] [get, list]");
        assertThat(AgentRbac.rotateCredsRole(MSSQL1).getRules()).isEqualTo(AgentRbac.rotateCredsRole("ns", "x").getRules());
        assertThat(AgentRbac.rotateCredsRoleBinding(MSSQL1).getRoleRef().getName()).isEqualTo("mssql1-rotate-creds");
    }
}
