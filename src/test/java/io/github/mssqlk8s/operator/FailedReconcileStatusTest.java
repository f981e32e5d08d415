package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.api.SqlServerStatus;
import io.github.mssqlk8s.testing.TestResources;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.OperatorException;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A reconcile that throws leaves no stale success in the status: Reconciled says it failed, Ready follows the pod. */
class FailedReconcileStatusTest {

    private static final Instant EARLIER = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2025-01-01T00:05:00Z");

    @Test
    void reconciledTurnsFalseWithTheFailureInOneLineAndTheRestIsKept() {
        SqlServer resource = reconciledAndReady();

        SqlServerStatus next = StatusReport.failed(resource, Optional.empty(),
                new IllegalStateException("boom\n\tat some.Frame(Frame.java:1)"), NOW);

        Condition reconciled = condition(next, Conditions.RECONCILED);
        assertThat(reconciled.getStatus()).isEqualTo(Conditions.FALSE);
        assertThat(reconciled.getReason()).isEqualTo("ReconcileFailed");
        assertThat(reconciled.getMessage()).contains("IllegalStateException: boom").doesNotContain("\n", "Frame");
        assertThat(reconciled.getLastTransitionTime()).isEqualTo(NOW.toString());
        assertThat(condition(next, Conditions.SPEC_VALID)).isEqualTo(condition(resource.getStatus(), Conditions.SPEC_VALID));
        assertThat(condition(next, Conditions.READY)).as("no pod in the cache: the last word on readiness stays")
                .isEqualTo(condition(resource.getStatus(), Conditions.READY));
        assertThat(next.getObservedGeneration()).isEqualTo(resource.getStatus().getObservedGeneration());
    }

    @Test
    void readyFollowsThePodWhileReconcilesFail() {
        SqlServer resource = reconciledAndReady();
        Pod notReady = new PodBuilder().withNewMetadata().withName("mssql1-0").endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("False").endCondition().endStatus().build();

        SqlServerStatus next = StatusReport.failed(resource, Optional.of(notReady), new IllegalStateException("x"), NOW);

        assertThat(condition(next, Conditions.READY).getStatus()).isEqualTo(Conditions.FALSE);
        assertThat(condition(next, Conditions.READY).getReason()).isEqualTo("PodNotReady");
    }

    @Test
    void anApiErrorNamesItsCodeAndTheServersWords() {
        var refused = new KubernetesClientException(new StatusBuilder().withCode(422)
                .withMessage("StatefulSet.apps \"mssql1\" is invalid: spec.selector: field is immutable").build());

        assertThat(FailureSummary.oneLine(refused))
                .isEqualTo("KubernetesClientException: HTTP 422: StatefulSet.apps \"mssql1\" is invalid: spec.selector: "
                        + "field is immutable");
    }

    @Test
    void aWorkflowFailureNamesTheOwnedObjectAndTheServersAnswerNotJosdksWrappers() {
        var refused = new KubernetesClientException(new StatusBuilder().withCode(403)
                .withMessage("statefulsets.apps is forbidden").build());
        var workflow = new OperatorException(new AggregatedOperatorException("Exception(s) during workflow execution.",
                Map.of("statefulset", refused)));

        assertThat(FailureSummary.oneLine(workflow))
                .isEqualTo("statefulset: KubernetesClientException: HTTP 403: statefulsets.apps is forbidden");
    }

    @Test
    void aWrappedFailureIsDescribedByTheCauseThatSaysSomethingAndALongOneIsCut() {
        var wrapped = new RuntimeException((String) null, new UncheckedIOException("read timed out", new IOException()));
        assertThat(FailureSummary.oneLine(wrapped)).isEqualTo("UncheckedIOException: read timed out");

        String longLine = FailureSummary.oneLine(new IllegalStateException("x".repeat(1000)));
        assertThat(longLine).hasSize(FailureSummary.MAX_LENGTH).endsWith("…");
    }

    private static SqlServer reconciledAndReady() {
        SqlServer resource = TestResources.sqlServer("mssql1", "ns");
        resource.getMetadata().setGeneration(3L);
        SqlServerStatus status = new SqlServerStatus();
        List<Condition> conditions = status.getConditions();
        Conditions.set(conditions, Conditions.SPEC_VALID, true, "Valid", "ok", 3L, EARLIER);
        Conditions.set(conditions, Conditions.RECONCILED, true, "Reconciled", "ok", 3L, EARLIER);
        Conditions.set(conditions, Conditions.READY, true, "PodReady", "The pod mssql1-0 is ready.", 3L, EARLIER);
        status.setObservedGeneration(3L);
        resource.setStatus(status);
        return resource;
    }

    private static Condition condition(SqlServerStatus status, String type) {
        return Conditions.find(status.getConditions(), type).orElseThrow();
    }
}
