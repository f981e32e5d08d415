package io.github.mssqlk8s.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.config.FailoverSettings;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import io.github.mssqlk8s.testing.apiserver.ApiTestNamespace;
import io.github.mssqlk8s.testing.apiserver.GeneratedManifests;
import io.github.mssqlk8s.testing.apiserver.JobRunnerStandIn;
import io.github.mssqlk8s.testing.apiserver.RealServerIdentities;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The sandbox's world on the real API server (three simulated SQL Servers and their agents, each component under its
 * Role): {@code kubectl mssql failover ag1 --to <replica>} as a person types it moves the primary, and so does the
 * failover Job of examples/ag1-failover-job.yaml, run by the Job runner stand-in as its ServiceAccount. Both use only
 * the rights of examples/ag1-failover-rbac.yaml.
 */
class KubectlMssqlFailoverApiTest {

    private static final String AG = "ag1";
    private static final Path FAILOVER_RBAC = Path.of("examples/ag1-failover-rbac.yaml");
    private static final Path FAILOVER_JOB = Path.of("examples/ag1-failover-job.yaml");

    @RegisterExtension
    final ApiTestNamespace api = ApiTestNamespace.create();

    record Settings(Duration timeout, Duration pollInterval, Duration reportStaleAfter) implements FailoverSettings {
    }

    @Test
    void kubectlMssqlFailoverAndTheFailoverJobEachMoveThePrimary() throws Exception {
        List<HasMetadata> rbac = GeneratedManifests.load(FAILOVER_RBAC);
        rbac.forEach(object -> api.admin().resource(object).inNamespace(api.namespace()).create());
        try (AgScenarioHarness h = AgScenarioHarness.start(api.admin(), new RealServerIdentities(api), AG,
                AgScenarioHarness.scenarioTiming(), List.of("mssql1", "mssql2", "mssql3").stream()
                        .map(AgScenarioHarness.Replica::synchronous).toList());
                JobRunnerStandIn jobs = new JobRunnerStandIn(api, Path.of("target", "apitest"), System.out::println).start()) {
            String first = h.awaitBootstrapped();
            h.startWriterAndMonitor();
            h.awaitSynchronized();
            String target = first.equals("mssql3") ? "mssql2" : "mssql3";
            h.awaitReportedHealthy(target);

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = kubectlMssql(failoverClient(rbac), out, err, "failover", AG, "--to", target, "-n", api.namespace());

            assertThat(exit).as("kubectl mssql failover: out %s, err %s", out, err).isZero();
            assertThat(out.toString()).contains(target + " is the primary and the only pod labelled primary");
            assertThat(h.awaitPrimary()).isEqualTo(target);

            h.awaitSynchronized();
            h.awaitReportedHealthy(first);
            Job job = failoverJobTo(first);
            Job created = api.admin().batch().v1().jobs().inNamespace(api.namespace()).resource(job).create();
            await("the failover Job finished").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> finished(api.admin().batch().v1().jobs().inNamespace(api.namespace())
                            .withName(created.getMetadata().getName()).get()));
            Job done = api.admin().batch().v1().jobs().inNamespace(api.namespace()).withName(created.getMetadata().getName()).get();
            assertThat(done.getStatus().getSucceeded()).as("Job %s succeeded (log target/apitest/job-%s.log)",
                    done.getMetadata().getName(), done.getMetadata().getName()).isEqualTo(1);
            assertThat(h.awaitPrimary()).isEqualTo(first);
            h.assertSafe();
        }
        assertThat(api.forbidden()).as("requests the API server refused with 403").isEmpty();
    }

    /** {@code kubectl mssql <args>}: the cli mode's command tree, with the failover command given its client. */
    private static int kubectlMssql(KubernetesClient client, StringWriter out, StringWriter err, String... args) {
        FailoverCliCommand failover = new FailoverCliCommand();
        failover.client = client;
        failover.settings = new Settings(Duration.ofSeconds(90), Duration.ofMillis(200), Duration.ofSeconds(30));
        CommandLine commandLine = new CommandLine(new KubectlMssqlCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == FailoverCliCommand.class ? type.cast(failover) : CommandLine.defaultFactory().create(type);
            }
        });
        return commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    /** A client as the failover ServiceAccount of examples/ag1-failover-rbac.yaml, under its Role. */
    private KubernetesClient failoverClient(List<HasMetadata> rbac) {
        Role role = rbac.stream().filter(Role.class::isInstance).map(Role.class::cast).findFirst().orElseThrow();
        String account = rbac.stream().filter(d -> "ServiceAccount".equals(d.getKind())).findFirst().orElseThrow()
                .getMetadata().getName();
        return api.clientAs(account, role);
    }

    /** examples/ag1-failover-job.yaml with the target replaced, as a person would edit it. */
    private static Job failoverJobTo(String target) {
        Job job = (Job) GeneratedManifests.load(FAILOVER_JOB).get(0);
        List<EnvVar> env = job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        env.stream().filter(variable -> "MSSQL_K8S_NEW_PRIMARY".equals(variable.getName())).findFirst().orElseThrow()
                .setValue(target);
        return job;
    }

    private static boolean finished(Job job) {
        return job != null && job.getStatus() != null && job.getStatus().getConditions() != null
                && job.getStatus().getConditions().stream().anyMatch(c -> List.of("Complete", "Failed").contains(c.getType()));
    }
}
