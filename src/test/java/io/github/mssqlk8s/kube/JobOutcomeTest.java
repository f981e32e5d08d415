package io.github.mssqlk8s.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One rule for where a Job stands, as the Job controller reports it. */
class JobOutcomeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "no status yet,                            ,      ,  , 0, RUNNING",
        "Complete,                                 Complete, True, 1, 0, SUCCEEDED",
        "a succeeded pod before the condition,     ,      , 1, 0, SUCCEEDED",
        "Failed,                                   Failed, True,  , 3, FAILED",
        "a failed pod within the back-off limit,   ,      ,  , 1, RUNNING",
        "a condition that is not True,             Failed, False, , 1, RUNNING",
    })
    void readsTheJobControllersWord(String situation, String condition, String conditionStatus, Integer succeeded,
            int failed, JobOutcome expected) {
        JobStatus status = situation.startsWith("no status") ? null : new JobStatusBuilder()
                .withSucceeded(succeeded).withFailed(failed).build();
        if (condition != null) {
            status.getConditions().add(new JobConditionBuilder()
                    .withType(condition).withStatus(conditionStatus).build());
        }
        Job job = new JobBuilder().withNewMetadata().withName("j").endMetadata().withStatus(status).build();

        assertThat(JobOutcome.of(job)).isEqualTo(expected);
        assertThat(JobOutcome.of(job).finished()).isEqualTo(expected != JobOutcome.RUNNING);
    }
}
