package io.github.mssqlk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/** The supervisor started outside a pod the operator made: it says what is missing in one line and exits 1. */
@QuarkusMainTest
class SupervisorWithoutIdentityMainTest {

    @Test
    @Launch(value = "ag-agent-supervisor", exitCode = 1)
    void namesTheMissingVariable(LaunchResult result) {
        assertThat(result.getErrorOutput().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("ag-agent-supervisor: MSSQL_K8S_SQL_SERVER_NAME is not set"));
    }
}
