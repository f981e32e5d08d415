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
    @ValueSource(strings = {"ag-agent", "init-sql", "rotate-creds"})
    void unbuiltModesSaySoAndExitTwo(String mode, QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch(mode);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).isEqualTo(
                "mssql-k8s-agents: the " + mode + " mode is not built yet in this version.");
    }

    @Test
    @Launch(value = {}, exitCode = 2)
    void noModeAtAllIsAUsageError(LaunchResult result) {
        assertThat(result.getErrorOutput()).startsWith("mssql-k8s-agents: name a mode").contains("Usage:");
    }
}
