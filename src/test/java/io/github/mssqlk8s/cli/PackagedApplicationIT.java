package io.github.mssqlk8s.cli;

import io.github.mssqlk8s.naming.Mode;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged application (target/quarkus-app), started as its own process. */
@QuarkusMainIntegrationTest
@TestProfile(PackagedApplicationIT.NoCluster.class)
class PackagedApplicationIT {

    public static class NoCluster implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The Quarkus property is fixed at build time; fabric8's own system property is read at run time.
            // Port 1 on loopback: nothing listens there.
            // The namespace is what MSSQL_K8S_NAMESPACE gives a Job (there is no kubeconfig to name one).
            return Map.of("kubernetes.master", "https://127.0.0.1:1", "mssql.k8s.namespace", "ag1");
        }
    }

    @Test
    @Launch("--help")
    void helpListsEveryMode(LaunchResult result) {
        for (Mode mode : Mode.values()) {
            assertThat(result.getOutput()).containsPattern("(?m)^\\s+" + mode.modeName() + "\\s+\\S");
        }
    }

    @Test
    @Launch(value = "operator", exitCode = 1)
    void theOperatorWithoutAClusterExitsWithOneLine(LaunchResult result) {
        // The test harness turns Quarkus's own INFO lines back on; what the mode itself says is one line.
        assertThat(result.getErrorOutput().lines().filter(line -> line.startsWith("operator:")))
                .singleElement().satisfies(line -> assertThat(line)
                        .startsWith("operator: cannot reach the Kubernetes API at https://127.0.0.1:1"));
        assertThat(result.getErrorOutput()).doesNotContain("\tat ", "Exception");
    }

    @Test
    @Launch(value = {"failover", "--new-primary", "mssql2"}, exitCode = 1)
    void theFailoverJobWithoutAClusterExitsWithOneLineNamingTheStep(LaunchResult result) {
        assertThat(result.getErrorOutput().lines().filter(line -> line.startsWith("failover:")))
                .singleElement().satisfies(line -> assertThat(line).startsWith("failover: find availability group: "));
        assertThat(result.getErrorOutput()).doesNotContain("\tat ", "Exception");
    }

    @Test
    @Launch(value = {"cli", "status", "-n", "ag1"}, exitCode = 1)
    void kubectlMssqlStatusWithoutAClusterExitsWithOneLine(LaunchResult result) {
        assertThat(result.getErrorOutput().lines().filter(line -> line.startsWith("status:")))
                .singleElement().satisfies(line -> assertThat(line).startsWith("status: cannot read namespace ag1: "));
        assertThat(result.getErrorOutput()).doesNotContain("\tat ", "Exception");
        assertThat(result.getOutput()).isEmpty();
    }
}
