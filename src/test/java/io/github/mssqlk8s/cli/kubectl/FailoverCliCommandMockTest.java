package io.github.mssqlk8s.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.config.FailoverSettings;
import io.github.mssqlk8s.ha.AvailabilityMode;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.ha.SynchronizationState;
import io.github.mssqlk8s.kube.FailoverRequestEntry;
import io.github.mssqlk8s.testing.AgFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code kubectl mssql failover AG --to T [--force]}: the Job's workflow with a person's flags and output. */
@EnableKubernetesMockClient(crud = true, https = false)
class FailoverCliCommandMockTest {

    static KubernetesClient client;

    record Settings(Duration timeout, Duration pollInterval, Duration reportStaleAfter) implements FailoverSettings {
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result failover(String... args) {
        FailoverCliCommand command = new FailoverCliCommand();
        command.client = client;
        command.settings = new Settings(Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofSeconds(30));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void aForcedFailoverToTheNamedTargetIsFollowedToTheEnd() {
        try (AgFixture ag = new AgFixture(client, "cli-a", "ag1").threeReplicas("mssql")
                .replica("mssql3", 3, AvailabilityMode.SYNCHRONOUS_COMMIT, ReplicaRole.SECONDARY,
                        SynchronizationState.SYNCHRONIZING, 41)
                .agents(AgFixture.Agents.FAIL_OVER)) {

            Result result = failover("ag1", "-n", "cli-a", "--to", "mssql3-0", "--force");

            assertThat(result.err()).isEmpty();
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).startsWith("target: forced failover to mssql3, which is not synchronized "
                    + "(salesdb: SYNCHRONIZING): data loss allowed\nforced failover: data may have been lost.");
            assertThat(result.out().lines().reduce((first, last) -> last)).hasValueSatisfying(last -> assertThat(last)
                    .startsWith("done in ").endsWith("; it was a forced failover: data may have been lost"));
            FailoverRequestEntry request = ag.configMap().read().request();
            assertThat(request.requestedBy()).isEqualTo("kubectl-mssql");
            assertThat(request.requested()).isEqualTo("mssql3-0");
            assertThat(request.forced()).isTrue();
        }
    }

    @Test
    void aRefusalIsOneLineOnStandardErrorAndExitOne() {
        try (AgFixture ag = new AgFixture(client, "cli-b", "ag1").threeReplicas("mssql")) {

            Result result = failover("ag1", "-n", "cli-b", "--to", "mssql1");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).isEqualTo("failover: refused: mssql1 is already the primary; nothing to fail over\n");
        }
    }

    @Test
    void theAgIsRequired() {
        Result result = failover("--to", "mssql2");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required parameter: 'AG'");
    }
}
