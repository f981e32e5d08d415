package io.github.mssqlk8s.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.resources.AgentRbac;
import io.github.mssqlk8s.resources.GeneratedSecrets;
import io.github.mssqlk8s.testing.FakeClusterControllers;
import io.github.mssqlk8s.testing.TestResources;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code kubectl mssql rotate-creds}: the Job it creates (secrets by reference only) and how it follows it. */
@EnableKubernetesMockClient(crud = true, https = false)
class RotateCredsCliCommandMockTest {

    private static final String NEW_PASSWORD = "New-Sa-Passw0rd-Value!";

    static KubernetesClient client;

    private record Result(int exitCode, String out, String err) {
    }

    private static Result rotate(String... args) {
        RotateCredsCliCommand command = new RotateCredsCliCommand();
        command.client = client;
        command.pollInterval = Duration.ofMillis(50);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static void instance(String namespace) {
        SqlServer mssql1 = TestResources.sqlServer("mssql1", namespace);
        client.resources(SqlServer.class).inNamespace(namespace).resource(mssql1).create();
        client.secrets().inNamespace(namespace).resource(TestResources.saSecret(TestResources.SA_SECRET, namespace)).create();
        client.secrets().inNamespace(namespace).resource(GeneratedSecrets.masterKey(mssql1, "Master-Key-Value-1")).create();
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("new-sa").endMetadata()
                .withData(Map.of("password", encode(NEW_PASSWORD))).build()).create();
    }

    private static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes());
    }

    @Test
    void createsTheJobWithSecretReferencesOnlyAndFollowsItToSuccess() {
        instance("rc-ok");
        try (FakeClusterControllers controllers = new FakeClusterControllers(client, "rc-ok").start()) {

            Result result = rotate("mssql1", "-n", "rc-ok", "--new-sa-password", "new-sa:password", "--rotate-cert");

            assertThat(result.err()).isEmpty();
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).doesNotContain(NEW_PASSWORD);
            List<Job> jobs = client.batch().v1().jobs().inNamespace("rc-ok").list().getItems();
            assertThat(jobs).singleElement().satisfies(job -> {
                assertThat(job.getMetadata().getName()).startsWith("mssql1-rotate-creds-");
                assertThat(job.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("mssql1-rotate-creds");
                var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
                assertThat(container.getArgs()).containsExactly("rotate-creds");
                Map<String, EnvVar> env = container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
                assertThat(env.get("MSSQL_K8S_SQL_SERVER_NAME").getValue()).isEqualTo("mssql1");
                assertThat(env.get("MSSQL_ROTATE_CERT").getValue()).isEqualTo("true");
                assertThat(env.get("MSSQL_K8S_NAMESPACE").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
                assertThat(env.get("MSSQL_K8S_NEW_SA_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("new-sa");
                assertThat(env.get("MSSQL_K8S_CURRENT_SA_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                        .isEqualTo(TestResources.SA_SECRET);
                assertThat(env.get("MSSQL_K8S_MASTER_KEY_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                        .isEqualTo("mssql1-master-key");
                assertThat(env.values()).allSatisfy(e -> assertThat(e.getValue()).as(e.getName()).isNotEqualTo(NEW_PASSWORD));
                assertThat(result.out()).isEqualTo("job " + job.getMetadata().getName()
                        + " created for mssql1 (sa password and mirroring certificate)\njob "
                        + job.getMetadata().getName() + " succeeded\n");
            });
            assertThat(client.serviceAccounts().inNamespace("rc-ok").withName("mssql1-rotate-creds").get()).isNotNull();
            assertThat(client.rbac().roles().inNamespace("rc-ok").withName("mssql1-rotate-creds").get().getRules())
                    .isEqualTo(AgentRbac.rotateCredsRole(TestResources.sqlServer("mssql1", "rc-ok")).getRules());
            assertThat(client.rbac().roleBindings().inNamespace("rc-ok").withName("mssql1-rotate-creds").get()).isNotNull();
        }
    }

    @Test
    void aFailedJobIsOneLineAndASecondRunMakesANewJob() {
        instance("rc-fail");
        try (FakeClusterControllers controllers = new FakeClusterControllers(client, "rc-fail").start()) {
            controllers.failJobsWhere(job -> true);

            Result first = rotate("mssql1", "-n", "rc-fail", "--new-sa-password", "new-sa:password");
            Result second = rotate("mssql1", "-n", "rc-fail", "--new-sa-password", "new-sa:password");

            assertThat(first.exitCode()).isEqualTo(1);
            assertThat(first.err()).matches("rotate-creds: job mssql1-rotate-creds-\\S+ failed; see kubectl logs job/\\S+\n");
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(client.batch().v1().jobs().inNamespace("rc-fail").list().getItems()).hasSize(2);
        }
    }

    @Test
    void aMissingSecretKeyIsRefusedBeforeAnythingIsCreated() {
        instance("rc-key");

        Result result = rotate("mssql1", "-n", "rc-key", "--new-sa-password", "new-sa:nokey");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("rotate-creds: Secret new-sa has no key nokey\n");
        assertThat(client.batch().v1().jobs().inNamespace("rc-key").list().getItems()).isEmpty();
    }

    @Test
    void anUnknownInstanceOrAMalformedReferenceIsOneLine() {
        assertThat(rotate("nosuch", "-n", "rc-none", "--new-sa-password", "new-sa:password").err())
                .isEqualTo("rotate-creds: no SqlServer nosuch in namespace rc-none\n");
        instance("rc-bad");
        assertThat(rotate("mssql1", "-n", "rc-bad", "--new-sa-password", "new-sa").err())
                .isEqualTo("rotate-creds: --new-sa-password takes SECRET:KEY (a Secret of the namespace and its key), not 'new-sa'\n");
        assertThat(rotate("mssql1", "-n", "rc-bad").err()).contains("Missing required option: '--new-sa-password=SECRET:KEY'");
    }
}
