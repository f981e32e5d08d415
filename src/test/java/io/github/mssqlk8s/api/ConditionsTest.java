package io.github.mssqlk8s.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    @Test
    void aRepeatedStatusKeepsItsTransitionTimeButTakesTheNewText() {
        List<Condition> conditions = new ArrayList<>();
        Conditions.set(conditions, "Ready", false, "Starting", "first", 1L, T0);
        Conditions.set(conditions, "Ready", false, "Waiting", "second", 2L, T1);

        assertThat(conditions).singleElement().satisfies(condition -> {
            assertThat(condition.getLastTransitionTime()).isEqualTo(T0.toString());
            assertThat(condition.getReason()).isEqualTo("Waiting");
            assertThat(condition.getMessage()).isEqualTo("second");
            assertThat(condition.getObservedGeneration()).isEqualTo(2L);
        });
    }

    @Test
    void aChangedStatusMovesTheTransitionTime() {
        List<Condition> conditions = new ArrayList<>();
        Conditions.set(conditions, "Ready", false, "Starting", "first", 1L, T0);
        Conditions.set(conditions, "Ready", true, "Running", "up", 1L, T1);

        assertThat(Conditions.find(conditions, "Ready")).get()
                .extracting(Condition::getStatus, Condition::getLastTransitionTime)
                .containsExactly(Conditions.TRUE, T1.toString());
    }

    @Test
    void conditionsOfOtherTypesAreKept() {
        List<Condition> conditions = new ArrayList<>();
        Conditions.set(conditions, "Ready", false, "Starting", "first", 1L, T0);
        Conditions.set(conditions, "Reconciled", true, "Done", "ok", 1L, T0);

        assertThat(conditions).extracting(Condition::getType).containsExactly("Ready", "Reconciled");
    }
}
