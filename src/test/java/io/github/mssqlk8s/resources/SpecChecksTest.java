package io.github.mssqlk8s.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.AvailabilityMode;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.testing.TestResources;
import java.util.ArrayList;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirements;
import io.github.mssqlk8s.api.PodOverrides;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecChecksTest {

    private static SqlServer member(String name, AvailabilityMode mode) {
        return TestResources.sqlServer(name, "ns1", new AvailabilityGroupRef("ag1", mode));
    }

    @Test
    void aSoundResourceHasNoProblems() {
        assertThat(SpecChecks.ofResource(TestResources.sqlServer("mssql1", "ns1", AvailabilityGroupRef.named("ag1")))).isEmpty();
    }

    @ParameterizedTest(name = "{0} characters -> {1}")
    @CsvSource({"13, 0", "14, 1"})
    void theNameMustLeaveRoomForTheHostName(int length, int problems) {
        SqlServer resource = TestResources.sqlServer("m".repeat(length), "ns1");

        assertThat(SpecChecks.ofResource(resource)).hasSize(problems)
                .allSatisfy(problem -> assertThat(problem.reason()).isEqualTo("NameTooLong"));
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @CsvSource({"1sql", "sql.a", "Mssql1", "mssql-"})
    void theNameMustBeAServiceNameAndAHostName(String name) {
        // The CRD accepts any DNS subdomain; Services (<name>-hadr) and host names (<name>-0) need a DNS-1035 label.
        assertThat(SpecChecks.ofResource(TestResources.sqlServer(name, "ns1"))).extracting(SpecProblem::reason)
                .containsExactly("InvalidName");
    }

    @Test
    void podTemplateInputTheServerWouldNotCheckIsCheckedHere() {
        SqlServer resource = TestResources.sqlServer("mssql1", "ns1");
        resource.getSpec().getSqlServerContainer().setVolumeMounts(List.of(
                new VolumeMountBuilder().withName("backups").withMountPath("/backups").build(),
                new VolumeMountBuilder().withName("mssql").withMountPath("/var/opt/mssql").build()));
        resource.getSpec().getSqlServerContainer().setEnv(List.of(new EnvVarBuilder().withName("1BAD").withValue("x").build()));
        resource.getSpec().getInstanceRootVolumeClaimTemplate().setResources(new VolumeResourceRequirements());
        PodOverrides pod = new PodOverrides();
        pod.setLabels(Map.of("team", "data", "bad key", "x"));
        pod.setAnnotations(Map.of("-bad", "x"));
        resource.getSpec().setSqlServerPod(pod);

        assertThat(SpecChecks.ofResource(resource)).extracting(SpecProblem::reason).containsExactlyInAnyOrder(
                "InvalidVolumeMount", "InvalidVolumeMount", "InvalidEnvironmentVariable", "InvalidVolumeClaimTemplate",
                "InvalidPodMetadata", "InvalidPodMetadata");
        assertThat(SpecChecks.ofResource(resource)).extracting(SpecProblem::message)
                .anySatisfy(message -> assertThat(message).contains("'backups', which the pod does not have"))
                .anySatisfy(message -> assertThat(message).contains("'/var/opt/mssql', which is empty or already"));
    }

    @Test
    void anOddAvailabilityGroupsItemIsANamedProblem() {
        SqlServer resource = TestResources.sqlServer("mssql1", "ns1", AvailabilityGroupRef.invalid("[\"ag1\"]"));

        assertThat(SpecChecks.ofResource(resource)).singleElement().satisfies(problem -> {
            assertThat(problem.reason()).isEqualTo("InvalidAvailabilityGroup");
            assertThat(problem.message()).contains("[\"ag1\"]");
        });
        assertThat(SpecChecks.ofAvailabilityGroups(resource, List.of(resource, member("other", AvailabilityMode.SYNCHRONOUS_COMMIT))))
                .isEmpty();
    }

    @Test
    void eachResourceProblemHasItsReason() {
        SqlServer resource = TestResources.sqlServer("mssql1", "ns1",
                AvailabilityGroupRef.named("ag1"), AvailabilityGroupRef.named("ag1"), AvailabilityGroupRef.named("Bad_Name"));
        resource.getSpec().setAcceptEula(false);
        resource.getSpec().setInstanceRootVolumeClaimTemplate(null);

        assertThat(SpecChecks.ofResource(resource)).extracting(SpecProblem::reason).containsExactly(
                "EulaNotAccepted", "DataVolumeUnclear", "DuplicateAvailabilityGroup", "InvalidAvailabilityGroupName");
    }

    @Test
    void oneConfigurationOnlyReplicaIsFineTwoAreNot() {
        SqlServer first = member("a", AvailabilityMode.SYNCHRONOUS_COMMIT);
        SqlServer config1 = member("b", AvailabilityMode.CONFIGURATION_ONLY);
        SqlServer config2 = member("c", AvailabilityMode.CONFIGURATION_ONLY);

        assertThat(SpecChecks.ofAvailabilityGroups(config1, List.of(first, config1))).isEmpty();
        assertThat(SpecChecks.ofAvailabilityGroups(config2, List.of(first, config1, config2)))
                .singleElement().satisfies(problem -> assertThat(problem.message()).contains("2 configuration-only replicas [b, c]"));
    }

    @Test
    void atMostFiveSynchronousReplicasAndNineInAll() {
        List<SqlServer> six = new ArrayList<>(IntStream.range(0, 6).mapToObj(i -> member("s" + i, AvailabilityMode.SYNCHRONOUS_COMMIT)).toList());
        assertThat(SpecChecks.ofAvailabilityGroups(six.get(0), six)).extracting(SpecProblem::message)
                .singleElement().asString().contains("6 synchronous-commit replicas");

        List<SqlServer> ten = new ArrayList<>(IntStream.range(0, 5).mapToObj(i -> member("s" + i, AvailabilityMode.SYNCHRONOUS_COMMIT)).toList());
        IntStream.range(0, 5).forEach(i -> ten.add(member("x" + i, AvailabilityMode.ASYNCHRONOUS_COMMIT)));
        assertThat(SpecChecks.ofAvailabilityGroups(ten.get(0), ten)).extracting(SpecProblem::message)
                .singleElement().asString().contains("10 replicas; SQL Server allows 9");
    }

    @Test
    void theResourceIsJudgedAsItIsNowNotAsTheCacheSawIt() {
        SqlServer cached = member("b", AvailabilityMode.CONFIGURATION_ONLY);
        SqlServer now = member("b", AvailabilityMode.SYNCHRONOUS_COMMIT);
        SqlServer other = member("c", AvailabilityMode.CONFIGURATION_ONLY);

        assertThat(SpecChecks.ofAvailabilityGroups(now, List.of(cached, other))).isEmpty();
    }
}
