package io.github.mssqlk8s.sandbox;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.ha.TimingSettings;
import io.github.mssqlk8s.kube.ClusterConnection;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import io.github.mssqlk8s.testing.LogsToFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/sandbox}: the whole system on an embedded simulated cluster — a mock Kubernetes API server, three
 * simulated SQL Server instances and the real ag-agents with the contract's timing — narrated live: bootstrap, a
 * write workload through the {@code ag1-primary} route, a crash of the primary, the automatic failover with the
 * agents' own reason (their Events), and the final check that no acknowledged write was lost. No Kubernetes or SQL
 * Server needed. Exit 0 when every check held.
 */
public final class Sandbox {

    private static final String AG = "ag1";
    private static final Instant START = Instant.now();

    private Sandbox() {
    }

    public static void main(String[] args) throws Exception {
        LogsToFile.redirect(Path.of("target/sandbox.log"));
        List<String> options = List.of(args);
        TimingSettings timing = options.contains("--fast") ? AgScenarioHarness.scenarioTiming() : TimingSettings.defaults();
        boolean interactive = options.contains("--interactive");
        say("starting an API server, three simulated SQL Server instances and their ag-agents "
                + "(Lease " + timing.leaseDuration().toSeconds() + " s, write lease " + timing.writeLeaseValidity().toSeconds()
                + " s; agents' logs: target/sandbox.log)");
        ScheduledExecutorService narrator = Executors.newScheduledThreadPool(2);
        int exit = 1;
        try (SandboxApiServer server = SandboxApiServer.start(Sandbox::say);
                AgScenarioHarness cluster = AgScenarioHarness.start(server.client(), server.identities(), AG, timing,
                        List.of("mssql1", "mssql2", "mssql3").stream().map(AgScenarioHarness.Replica::synchronous).toList())) {
            KubernetesClient client = server.client();
            narrator.scheduleWithFixedDelay(new EventPrinter(client), 0, 200, TimeUnit.MILLISECONDS);
            String primary = cluster.awaitBootstrapped();
            say("bootstrap done: " + primary + " is the primary of " + AG + ", the database appdb is in the AG and every "
                    + "secondary is SYNCHRONIZED; routing: " + cluster.describe());
            cluster.startWriterAndMonitor();
            narrator.scheduleAtFixedRate(() -> say("writes acknowledged so far: " + cluster.writer().acknowledged().size()
                    + ", ag1-primary routes to " + cluster.primaryRoute()), 1, 2, TimeUnit.SECONDS);
            waitFor(Duration.ofSeconds(5));

            say(">>> crashing SQL Server on " + primary + ", the primary");
            Instant crash = cluster.crashSql(primary);
            // The crashed instance still holds its last role in memory, so wait on the route and the writes.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
                    cluster.primaryRoute().size() == 1 && !cluster.primaryRoute().contains(primary)
                            && cluster.writer().firstAckAfter(crash).isPresent());
            String next = cluster.primaryRoute().get(0);
            Duration failover = cluster.failoverTime(crash);
            say(String.format(Locale.ROOT, ">>> automatic failover: %s is the primary; first write acknowledged %.2f s after "
                    + "the crash", next, failover.toMillis() / 1000.0));
            waitFor(Duration.ofSeconds(4));
            say(">>> " + primary + "'s SQL Server comes back");
            cluster.startSql(primary);
            waitFor(Duration.ofSeconds(6));

            narrator.shutdownNow();
            int acknowledged = cluster.writer().acknowledged().size();
            cluster.assertSafe();
            say("check: all " + acknowledged + " acknowledged writes are on the primary " + cluster.awaitPrimary()
                    + "; never two writable primaries (" + cluster.monitor().polls() + " polls, every 5 ms)");
            say("routing now: " + cluster.describe());
            exit = 0;
            if (interactive) {
                say("interactive: the AG keeps running until Ctrl-C" + (server.isReal() ? " (kubectl commands above)" : ""));
                new CountDownLatch(1).await();
            }
        } catch (Exception | AssertionError broken) {
            say("FAILED: " + ClusterConnection.rootMessage(broken));
        } finally {
            narrator.shutdownNow();
        }
        System.exit(exit);
    }

    /** Prints every new Event the agents record (promotions, demotions, AG creation …) with its message. */
    private static final class EventPrinter implements Runnable {
        private final KubernetesClient client;
        private final Set<String> seen = new HashSet<>();

        EventPrinter(KubernetesClient client) {
            this.client = client;
        }

        @Override
        public void run() {
            try {
                for (Event event : client.v1().events().inNamespace(client.getNamespace()).list().getItems()) {
                    if (seen.add(event.getMetadata().getName())) {
                        say("event " + event.getReason() + " on " + event.getInvolvedObject().getName() + ": " + event.getMessage());
                    }
                }
            } catch (RuntimeException apiBusy) {
                // The next poll sees it.
            }
        }
    }

    /** Lets the workload run for a while; the narration goes on meanwhile. */
    private static void waitFor(Duration duration) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(duration.toMillis());
    }

    private static synchronized void say(String line) {
        System.out.printf(Locale.ROOT, "[%6.1f s] %s%n", Duration.between(START, Instant.now()).toMillis() / 1000.0, line);
    }
}
