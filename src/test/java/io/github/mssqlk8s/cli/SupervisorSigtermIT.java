package io.github.mssqlk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged supervisor as its own process, given a real SIGTERM (as the kubelet sends it): every child gets
 * SIGTERM, its last lines come out prefixed on the supervisor's stdout, and the supervisor exits once they have.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class SupervisorSigtermIT {

    private static final Path FAKE_AG_AGENT = Path.of("src/test/resources/fake-ag-agent.sh").toAbsolutePath();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static KubernetesClient client;

    @TempDir
    Path control;

    @Test
    void sigtermReachesEveryChildAndTheSupervisorExitsOnceTheyHave() throws Exception {
        PackagedSupervisor.createSqlServer(client, "sigterm1", "ag-p", "ag-q");
        Path stdout = control.resolve("supervisor.out");
        Process supervisor = PackagedSupervisor.builder(client, "sigterm1",
                List.of("sh", FAKE_AG_AGENT.toString(), control.toString()), control).start();
        try {
            await().atMost(PATIENCE).until(() -> read(stdout).containsAll(List.of("[ag-p] serving ag-p", "[ag-q] serving ag-q")));
            List<Long> children = List.of(pid("ag-p"), pid("ag-q"));

            supervisor.toHandle().destroy();

            assertThat(supervisor.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the supervisor exited").isTrue();
            assertThat(read(stdout)).contains("[ag-p] got TERM", "[ag-q] got TERM");
            assertThat(children).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                    .as("child %d", pid).isEmpty());
        } finally {
            supervisor.destroyForcibly();
        }
    }

    private long pid(String group) throws IOException {
        return Long.parseLong(Files.readString(control.resolve(group + ".pid")).strip());
    }

    private static List<String> read(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
