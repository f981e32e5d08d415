package io.github.mssqlk8s.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.kube.MirroringCertificateSecret;
import io.github.mssqlk8s.kube.SecretValues;
import io.github.mssqlk8s.kube.SqlServers;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.resources.AgentRbac;
import io.github.mssqlk8s.resources.GeneratedSecrets;
import io.github.mssqlk8s.sql.SqlConnector;
import io.github.mssqlk8s.sql.SqlEndpoint;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import io.github.mssqlk8s.testing.SqlServerSimulator;
import io.github.mssqlk8s.testing.TestResources;
import io.github.mssqlk8s.testing.apiserver.ApiTestNamespace;
import io.github.mssqlk8s.testing.apiserver.RealServerIdentities;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * rotate-creds on the real API server under the Role README and {@link AgentRbac#rotateCredsRole} give it, against
 * an AG that init-sql (under its own Role) and the agents built on simulated SQL Servers. Any 403 fails the test.
 * The agents are stopped first: nothing here refreshes their mounted login Secret as a kubelet would.
 */
class RotateCredsApiTest {

    private static final List<String> INSTANCES = List.of("mssql1", "mssql2", "mssql3");
    private static final String NEW_SA = "Sa-Rotated-Passw0rd-2";

    @RegisterExtension
    final ApiTestNamespace api = ApiTestNamespace.create();

    @Test
    void fullRotationUnderItsRole() throws Exception {
        KubernetesClient admin = api.admin();
        try (AgScenarioHarness h = AgScenarioHarness.start(admin, new RealServerIdentities(api), "ag1",
                AgScenarioHarness.scenarioTiming(), INSTANCES.stream().map(AgScenarioHarness.Replica::synchronous).toList())) {
            h.awaitBootstrapped();
            INSTANCES.forEach(h::killAgent);
            String oldAgentPassword = new SecretValues(admin).read(api.namespace(), "mssql1-agent-login").orElseThrow().get("password");

            KubernetesClient job = api.clientAs("rotate-creds", AgentRbac.rotateCredsRole(api.namespace(), "rotate-creds"));
            SecretValues secrets = new SecretValues(job);
            SecureRandom random = new SecureRandom();
            List<String> steps = new ArrayList<>();
            new RotateCreds(new RotateCreds.Settings(api.namespace(), "mssql1", SqlServerSimulator.SA_PASSWORD, NEW_SA,
                    Optional.of("Mk-Rotated-Passw0rd-2"), true, Names::mirroringCertificate, Duration.ofSeconds(5)),
                    name -> new SqlConnector(new SqlEndpoint("127.0.0.1", h.simulator().port(Names.pod(name)), "false", false),
                            Duration.ofSeconds(3), "rotate-creds-api-test"),
                    new SqlServers(job), secrets, new MirroringCertificateSecret(secrets),
                    () -> GeneratedSecrets.newPassword(random), JobLog.of("rotate-creds"), steps::add).run();

            assertThat(steps).contains("update sa Secret", "rotate agent login", "update master key Secret");
            assertThat(new SecretValues(admin).read(api.namespace(), TestResources.SA_SECRET).orElseThrow().get(TestResources.SA_KEY))
                    .isEqualTo(NEW_SA);
            assertThat(new SecretValues(admin).read(api.namespace(), "mssql1-agent-login").orElseThrow().get("password"))
                    .isNotEqualTo(oldAgentPassword);
        }
        assertThat(api.forbidden()).as("requests the API server refused with 403").isEmpty();
    }
}
