package io.github.mssqlk8s.cli;

import io.github.mssqlk8s.naming.Mode;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModeSelectionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/mssql-server-k8s-operator, operator",
        "/mssql-server-k8s-health-agent, health-agent",
        "/mssql-server-k8s-sqlhealth-agent, health-agent",
        "/mssql-server-k8s-ag-agent-supervisor, ag-agent-supervisor",
        "/mssql-server-k8s-ag-agent, ag-agent",
        "/mssql-server-k8s-init-sql, init-sql",
        "/mssql-server-k8s-rotate-creds, rotate-creds",
        "/mssql-server-k8s-failover, failover",
        "mssql-server-k8s-failover, failover",
    })
    void everyLegacyPathStartsItsMode(String executable, String mode) {
        assertThat(ModeSelection.argumentsFor(new String[] {"--flag"}, executable)).containsExactly(mode, "--flag");
        assertThat(ModeSelection.profileFor(ModeSelection.argumentsFor(new String[0], executable))).contains(mode);
    }

    @ParameterizedTest(name = "started as {0}")
    @CsvSource({"/usr/bin/java", "/opt/mssql-k8s-agents/bin/mssql-k8s-agents", "mssql-server-k8s-unknown"})
    void otherExecutablesLeaveTheArgumentsAlone(String executable) {
        assertThat(ModeSelection.argumentsFor(new String[] {"--help"}, executable)).containsExactly("--help");
        assertThat(ModeSelection.profileFor(new String[] {"--help"})).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"operator", "health-agent", "ag-agent-supervisor", "ag-agent", "init-sql", "rotate-creds", "failover"})
    void anExplicitModeWinsOverTheLegacyPathAndNamesTheProfile(String mode) {
        String[] args = ModeSelection.argumentsFor(new String[] {mode}, "/mssql-server-k8s-init-sql");

        assertThat(args).containsExactly(mode);
        assertThat(ModeSelection.profileFor(args)).contains(mode);
    }
}
