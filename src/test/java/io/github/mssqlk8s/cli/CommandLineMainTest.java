package io.github.mssqlk8s.cli;

import io.github.mssqlk8s.naming.Mode;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusMainTest
class CommandLineMainTest {

    @Test
    @Launch("--help")
    void helpListsEveryModeWithOneLineEach(LaunchResult result) {
        assertThat(result.getOutput()).contains(
                "operator  ", "health-agent  ", "ag-agent-supervisor  ", "ag-agent  ", "init-sql  ",
                "rotate-creds  ", "failover  ", "version  ");
        for (Mode mode : Mode.values()) {
            assertThat(result.getOutput().lines().filter(line -> line.strip().startsWith(mode.modeName() + " ")))
                    .as(mode.modeName()).hasSize(1);
        }
        assertThat(result.getOutput()).as("no description wraps onto a second line")
                .doesNotContainPattern("(?m)^ {10,}\\S");
    }

    @Test
    @Launch("version")
    void versionPrintsTheApplicationVersion(LaunchResult result) {
        assertThat(result.getOutput()).startsWith("mssql-k8s-agents ").doesNotContain("unknown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"init-sql: configuration: MSSQL_K8S_SQL_SERVER_NAME is not set",
        "rotate-creds: configuration: MSSQL_K8S_SQL_SERVER_NAME (or MSSQL_K8S_STATEFULSET_NAME) is not set"})
    void jobModesWithoutTheirEnvironmentExitOneWithOneLine(String line, QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch(line.substring(0, line.indexOf(':')));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.getErrorOutput()).isEqualTo(line);
    }

    @Test
    @Launch(value = "ag-agent", exitCode = 1)
    void agAgentOutsideItsPodNamesWhatIsMissingInOneLine(LaunchResult result) {
        assertThat(result.getErrorOutput().lines()).singleElement().satisfies(line -> assertThat(line)
                .isEqualTo("ag-agent: MSSQL_K8S_SQL_SERVER_NAME and MSSQL_K8S_AVAILABILITY_GROUP must both be set;"
                        + " they name the replica and its AG"));
    }

    @Test
    @Launch(value = {}, exitCode = 2)
    void noModeAtAllIsAUsageError(LaunchResult result) {
        assertThat(result.getErrorOutput()).startsWith("mssql-k8s-agents: name a mode").contains("Usage:");
    }
}
