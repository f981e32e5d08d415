package io.github.mssqlk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator mode, pointed at an API server that is not there, says so in one line and exits 1. */
@QuarkusMainTest
@TestProfile(OperatorWithoutClusterMainTest.NoCluster.class)
class OperatorWithoutClusterMainTest {

    public static class NoCluster implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 1 on loopback: nothing listens there, so the connection is refused at once.
            return Map.of("quarkus.kubernetes-client.api-server-url", "https://127.0.0.1:1");
        }
    }

    @Test
    @Launch(value = "operator", exitCode = 1)
    void exitsWithOneReadableLine(LaunchResult result) {
        assertThat(result.getErrorOutput().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("operator: cannot reach the Kubernetes API at https://127.0.0.1:1")
                .doesNotContain("Exception"));
    }
}
