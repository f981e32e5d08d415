package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.mssqlk8s.ha.TimingSettings;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import io.github.mssqlk8s.testing.apiserver.ApiTestNamespace;
import io.github.mssqlk8s.testing.apiserver.KubeApiServer;
import io.github.mssqlk8s.testing.apiserver.RealServerIdentities;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An API server outage as a real fault: the kube-apiserver process is stopped with SIGSTOP for three Lease durations
 * (its sockets stay open, nothing answers), then resumed with SIGCONT. The primary must stop being writable in time,
 * no other replica may become PRIMARY while the server is gone, and the AG has one primary again once it is back.
 *
 * <p>The server is the JVM's shared one (*ApiTest classes run one after another in one failsafe JVM); it is resumed
 * in a finally block, so a failure here does not leave the next test class a frozen server.
 */
class ApiServerSuspendedApiTest {

    private static final String AG = "ag1";

    @RegisterExtension
    final ApiTestNamespace api = ApiTestNamespace.create();

    @Test
    void apiServerStoppedForThreeLeasesThenResumed() throws Exception {
        TimingSettings timing = AgScenarioHarness.scenarioTiming();
        try (AgScenarioHarness h = AgScenarioHarness.start(api.admin(), new RealServerIdentities(api), AG, timing,
                List.of("mssql1", "mssql2", "mssql3").stream().map(AgScenarioHarness.Replica::synchronous).toList())) {
            String primary = h.awaitBootstrapped();
            h.startWriterAndMonitor();
            KubeApiServer server = api.server();
            Duration outage = timing.leaseDuration().multipliedBy(3);

            Instant stopped = Instant.now();
            server.suspend();
            Instant resumed;
            try {
                // the primary cannot renew its Lease: it lets its write lease lapse and stops accepting writes
                await().atMost(timing.leaseDuration().plusSeconds(4)).pollInterval(Duration.ofMillis(50))
                        .until(() -> h.monitor().writableNow().isEmpty());
                System.out.printf("kube-apiserver SIGSTOPped for %d s: the primary stopped accepting writes %.2f s after the stop%n",
                        outage.toSeconds(), Duration.between(stopped, Instant.now()).toMillis() / 1000.0);
                Duration rest = Duration.between(Instant.now(), stopped.plus(outage));
                if (!rest.isNegative()) {
                    await().during(rest).atMost(rest.plusSeconds(3)).pollInterval(Duration.ofMillis(50))
                            .until(() -> h.monitor().writableNow().isEmpty()
                                    && h.sqlPrimaries().stream().allMatch(primary::equals));
                }
            } finally {
                server.resume();
                resumed = Instant.now();
            }

            String after = h.awaitPrimary();
            h.printFailoverTime("kube-apiserver SIGSTOPped for " + outage.toSeconds() + " s, from its SIGCONT", resumed);
            System.out.printf("after the outage the primary is %s (before: %s)%n", after, primary);
            h.assertSafe();
        }
        assertThat(api.forbidden()).as("requests the API server refused with 403").isEmpty();
    }
}
