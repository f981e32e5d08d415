package io.github.mssqlk8s.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.mssqlk8s.naming.EnvironmentVariables;
import io.github.mssqlk8s.naming.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failover Job example: the preview's Role without Endpoints, the contract's variables, a fresh name per run. */
class FailoverJobExampleTest {

    /** Every document of an example file (one document unmarshals to an object, several to a list). */
    private static List<HasMetadata> load(String file) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("examples", file))) {
            Object loaded = new KubernetesSerialization().unmarshal(in);
            return loaded instanceof List<?> many ? many.stream().map(HasMetadata.class::cast).toList()
                    : List.of((HasMetadata) loaded);
        }
    }

    @Test
    void theExampleRoleIsThePreviewsThreeRulesAsTheBuilderMakesThem() throws IOException {
        List<HasMetadata> rbac = load("ag1-failover-rbac.yaml");

        Role role = rbac.stream().filter(Role.class::isInstance).map(Role.class::cast).findFirst().orElseThrow();
        assertThat(role.getRules()).isEqualTo(AgentRbac.failoverJobRole("ag1").getRules());
        assertThat(role.getRules()).as("the deprecated Endpoints API is not needed")
                .noneMatch(rule -> rule.getResources().contains("endpoints"));
        assertThat(role.getMetadata().getName()).isEqualTo(AgentRbac.failoverJobRole("ag1").getMetadata().getName());
        RoleBinding binding = rbac.stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast).findFirst().orElseThrow();
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo("ag1-failover"));
    }

    @Test
    void theExampleJobRunsThePreviewsPathWithTheContractsVariablesUnderAFreshName() throws IOException {
        Job job = (Job) load("ag1-failover-job.yaml").get(0);

        assertThat(job.getMetadata().getName()).isNull();
        assertThat(job.getMetadata().getGenerateName()).isEqualTo("ag1-failover-");
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isPositive();
        assertThat(job.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("ag1-failover");
        var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getCommand()).containsExactly("/" + Mode.FAILOVER.legacyExecutables().get(0));
        assertThat(container.getEnv()).extracting(EnvVar::getName).containsExactly(EnvironmentVariables.AG_NAME,
                EnvironmentVariables.NEW_PRIMARY, EnvironmentVariables.FORCE_FAILOVER_ALLOW_DATA_LOSS,
                EnvironmentVariables.NAMESPACE);
    }
}
