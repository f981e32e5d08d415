package io.github.mssqlk8s.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommitDurabilityTest {

    @ParameterizedTest(name = "{0} synchronous replicas, override {1} -> {2}")
    @CsvSource({
            // sync replicas (primary included), override, RSSTC
            "1, , 0",
            "2, , 0",   // exactly two: 0 (one secondary), or the primary stops whenever its partner is away
            "3, , 1",
            "4, , 1",   // three secondaries (Pacemaker, counting the primary too, would say 2)
            "5, , 2",
            "2, 1, 1",  // the override wins, even over the two-replica exception
            "5, 0, 0",
            "3, 2, 2",
    })
    void requiredSynchronizedSecondaries(int synchronousReplicas, Integer override, int expected) {
        assertThat(CommitDurability.requiredSynchronizedSecondaries(synchronousReplicas, override)).isEqualTo(expected);
    }

    @Test
    void aNegativeOverrideIsRefused() {
        assertThatThrownBy(() -> CommitDurability.requiredSynchronizedSecondaries(3, -1))
                .hasMessageContaining("must not be negative");
    }
}
