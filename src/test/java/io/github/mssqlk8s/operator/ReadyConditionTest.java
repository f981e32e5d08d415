package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.testing.TestResources;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Ready condition of an instance whose pod is missing says why when the StatefulSet controller knows. */
class ReadyConditionTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private static Condition ready(Optional<String> podCreateFailure) {
        SqlServer resource = TestResources.sqlServer("mssql1", "ns");
        Observations seen = new Observations(List.of(), List.of(), List.of(), true, List.of(), Optional.empty(),
                Optional.empty(), podCreateFailure);
        return Conditions.find(StatusReport.next(resource, seen, NOW).getConditions(), Conditions.READY).orElseThrow();
    }

    @Test
    void aFailedCreateEventReachesTheStatus() {
        Condition condition = ready(Optional.of("create Pod mssql1-0 in StatefulSet mssql1 failed error: pods \"mssql1-0\""
                + " is forbidden: violates PodSecurity \"restricted:latest\""));

        assertThat(condition.getStatus()).isEqualTo(Conditions.FALSE);
        assertThat(condition.getReason()).isEqualTo("PodCreateFailed");
        assertThat(condition.getMessage()).contains("violates PodSecurity");
    }

    @Test
    void withoutOneThePodIsSimplyMissing() {
        assertThat(ready(Optional.empty()).getReason()).isEqualTo("PodMissing");
    }
}
