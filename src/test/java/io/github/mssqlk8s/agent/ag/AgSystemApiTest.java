package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.config.FailoverSettings;
import io.github.mssqlk8s.job.failover.FailoverWorkflow;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import io.github.mssqlk8s.testing.apiserver.ApiTestNamespace;
import io.github.mssqlk8s.testing.apiserver.GeneratedManifests;
import io.github.mssqlk8s.testing.apiserver.RealServerIdentities;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole system of one AG on the real API server: simulated SQL Servers, init-sql and the real ag-agents, each
 * as its own ServiceAccount under the Role the operator gives it, and the failover Job under
 * examples/ag1-failover-rbac.yaml's Role. Bootstrap, a SQL Server crash failover and a switchover by the Job: the
 * Lease compare-and-swap, ConfigMap reports and requests, pod labels, status writes and Events all go through the
 * server's authorizer, and any 403 fails the test.
 */
class AgSystemApiTest {

    private static final String AG = "ag1";

    @RegisterExtension
    final ApiTestNamespace api = ApiTestNamespace.create();

    record Settings(Duration timeout, Duration pollInterval, Duration reportStaleAfter) implements FailoverSettings {
    }

    @Test
    void bootstrapCrashFailoverAndSwitchoverEachUnderItsOwnRole() throws Exception {
        KubernetesClient admin = api.admin();
        try (AgScenarioHarness h = AgScenarioHarness.start(admin, new RealServerIdentities(api), AG,
                AgScenarioHarness.scenarioTiming(), List.of("mssql1", "mssql2", "mssql3").stream()
                        .map(AgScenarioHarness.Replica::synchronous).toList())) {
            String first = h.awaitBootstrapped();
            h.startWriterAndMonitor();

            Instant crash = h.crashSql(first);
            String second = h.awaitPrimaryOtherThan(first);
            h.printFailoverTime("real API server: primary SQL crash", crash, first);
            h.startSql(first);
            await().atMost(Duration.ofSeconds(60)).until(() -> h.instance(first).role(AG).filter("SECONDARY"::equals).isPresent());
            h.awaitSynchronized();
            h.awaitReportedHealthy(first);   // the Job refuses a target whose health the agents last reported failed

            List<String> out = new CopyOnWriteArrayList<>();
            List<String> err = new CopyOnWriteArrayList<>();
            int exit = new FailoverWorkflow(failoverJobClient(), api.namespace(),
                    new Settings(Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofSeconds(30)), Clock.systemUTC(),
                    new FailoverWorkflow.Console() {
                        @Override
                        public void step(String line) {
                            out.add(line);
                        }

                        @Override
                        public void failure(String line) {
                            err.add(line);
                        }
                    }).run(new FailoverWorkflow.Request(AG, first + "-0", false, "ag-system-api-test"));
            assertThat(exit).as("failover Job: out %s, err %s", out, err).isZero();
            // exit 0: the Job saw the target PRIMARY and the only pod labelled primary. Under a loaded machine the
            // agents may still demote it later (commit stuck past its timeout), which is theirs to do safely.
            assertThat(out.get(out.size() - 1)).contains(first + " is the primary and the only pod labelled primary");
            System.out.printf("real API server: after the switchover the primary is %s%n", h.awaitPrimary());

            h.assertSafe();
            assertThat(h.resource(second).map(SqlServer::getStatus)).as("the agents' status writes").isPresent();
            List<Event> events = admin.v1().events().inNamespace(api.namespace()).list().getItems();
            assertThat(events).as("Events the agents recorded").extracting(Event::getReason).contains("Promoted", "Demoted");
            System.out.printf("real API server: %d Events, e.g. %s%n", events.size(), events.stream()
                    .map(e -> e.getReason() + " on " + e.getInvolvedObject().getName()).limit(5).toList());
        }
        assertThat(api.forbidden()).as("requests the API server refused with 403").isEmpty();
    }

    /** A client as the failover Job's ServiceAccount, bound to the Role in examples/ag1-failover-rbac.yaml. */
    private KubernetesClient failoverJobClient() {
        List<HasMetadata> documents = GeneratedManifests.load(Path.of("examples/ag1-failover-rbac.yaml"));
        Role role = documents.stream().filter(Role.class::isInstance).map(Role.class::cast).findFirst().orElseThrow();
        String account = documents.stream().filter(d -> "ServiceAccount".equals(d.getKind())).findFirst().orElseThrow()
                .getMetadata().getName();
        return api.clientAs(account, role);
    }
}
