package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.kube.JobOutcome;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.api.SqlServerStatus;
import io.github.mssqlk8s.testing.TestResources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the operator's status treats the InitSqlSucceeded condition the init-sql Job writes itself. */
class InitSqlConditionTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @ParameterizedTest(name = "Job {0}, condition {1}/{2} of generation {3} -> {4}/{5}")
    @CsvSource({
        // the Job's own words are kept while its outcome agrees
        "SUCCEEDED, True,  Configured, 2, True,  Configured",
        "FAILED,    False, StepFailed, 2, False, StepFailed",
        "RUNNING,   False, StepFailed, 2, False, StepFailed",
        "RUNNING,   True,  Configured, 2, True,  Configured",
        // disagreeing or from an older generation: the operator's own reading of the Job
        "FAILED,    True,  Configured, 2, False, Failed",
        "SUCCEEDED, False, StepFailed, 2, True,  Succeeded",
        "SUCCEEDED, True,  Configured, 1, True,  Succeeded",
        "RUNNING,   False, StepFailed, 1, False, Running",
        // the operator's own condition is simply updated
        "SUCCEEDED, False, Running,    2, True,  Succeeded",
    })
    void keepsTheJobsConditionWhileItsOutcomeAgrees(JobOutcome outcome, String status, String reason,
            long observedGeneration, String expectedStatus, String expectedReason) {
        SqlServer resource = TestResources.sqlServer("mssql1", "ns");
        resource.getMetadata().setGeneration(2L);
        SqlServerStatus before = new SqlServerStatus();
        List<Condition> conditions = new ArrayList<>();
        Conditions.set(conditions, Conditions.INIT_SQL_SUCCEEDED, "True".equals(status), reason, "from the Job",
                observedGeneration, NOW);
        before.setConditions(conditions);
        resource.setStatus(before);

        SqlServerStatus next = StatusReport.next(resource, observations(job(outcome)), NOW.plusSeconds(5));

        Condition condition = Conditions.find(next.getConditions(), Conditions.INIT_SQL_SUCCEEDED).orElseThrow();
        assertThat(condition.getStatus()).isEqualTo(expectedStatus);
        assertThat(condition.getReason()).isEqualTo(expectedReason);
    }

    private static Observations observations(Job job) {
        return new Observations(List.of(), List.of(), List.of(), true, List.of(), Optional.empty(), Optional.of(job),
                Optional.empty());
    }

    private static Job job(JobOutcome outcome) {
        JobBuilder job = new JobBuilder().withNewMetadata().withName("mssql1-init-sql-2").endMetadata();
        return switch (outcome) {
            case RUNNING -> job.withNewStatus().withActive(1).endStatus().build();
            case SUCCEEDED -> job.withNewStatus().addNewCondition().withType("Complete").withStatus("True").endCondition()
                    .endStatus().build();
            case FAILED -> job.withNewStatus().addNewCondition().withType("Failed").withStatus("True").endCondition()
                    .endStatus().build();
        };
    }
}
