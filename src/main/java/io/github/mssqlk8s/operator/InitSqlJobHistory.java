package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.kube.JobOutcome;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.resources.Components;
import io.github.mssqlk8s.resources.InitSqlJob;
import java.util.Optional;
import java.util.stream.Stream;

/** The init-sql Jobs of one resource: the outcome of the current one, and clean-up of finished older ones. */
class InitSqlJobHistory {

    private final KubernetesClient client;

    InitSqlJobHistory(KubernetesClient client) {
        this.client = client;
    }

    static Optional<Job> forGeneration(Stream<Job> jobs, long generation) {
        return jobs.filter(job -> generation(job) == generation).findFirst();
    }

    /** Deletes finished Jobs of older generations (a running one is left to finish). */
    void deleteFinishedBefore(SqlServer sqlServer, long generation) {
        client.batch().v1().jobs().inNamespace(sqlServer.getMetadata().getNamespace())
                .withLabel(Labels.SQL_SERVER, sqlServer.getMetadata().getName())
                .withLabel(Labels.COMPONENT, Components.INIT_SQL)
                .list().getItems().stream()
                .filter(job -> generation(job) < generation)
                .filter(job -> JobOutcome.of(job).finished())
                .forEach(job -> client.resource(job).withPropagationPolicy(
                        DeletionPropagation.BACKGROUND).delete());
    }

    static long generation(Job job) {
        String value = job.getMetadata().getAnnotations() == null ? null
                : job.getMetadata().getAnnotations().get(InitSqlJob.GENERATION_ANNOTATION);
        try {
            return value == null ? -1L : Long.parseLong(value);
        } catch (NumberFormatException notOurs) {
            return -1L;
        }
    }
}
