package io.github.mssqlk8s.cli;

import io.github.mssqlk8s.naming.Mode;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/** QUARKUS_PROFILE=init-sql with no subcommand runs the init-sql mode. */
@QuarkusMainTest
@TestProfile(ProfileSelectsModeMainTest.InitSqlProfile.class)
class ProfileSelectsModeMainTest {

    public static class InitSqlProfile implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "init-sql";
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void theProfileNamesTheMode(LaunchResult result) {
        // The init-sql mode ran: it asks for its environment.
        assertThat(result.getErrorOutput()).isEqualTo("init-sql: configuration: MSSQL_K8S_SQL_SERVER_NAME is not set");
    }
}
