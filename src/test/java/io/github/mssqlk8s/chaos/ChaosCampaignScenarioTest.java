package io.github.mssqlk8s.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small chaos campaign in CI: three seeded schedules (the same three every run) over the whole system in one JVM.
 * {@code scripts/chaos N [seed]} runs the full campaign.
 */
class ChaosCampaignScenarioTest {

    @Test
    void threeSeededFaultSchedulesKeepEveryPromise() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        List<ScheduleOutcome> outcomes = ChaosCampaign.run(3, 1, out);
        ChaosCampaign.summarize(outcomes, out);

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(outcomes).as(report).allSatisfy(outcome -> assertThat(outcome.problems()).isEmpty());
        assertThat(outcomes).as(report).allSatisfy(outcome -> {
            assertThat(outcome.faultsInjected()).isPositive();
            assertThat(outcome.acknowledgedWrites()).isPositive();
        });
        assertThat(report).contains("schedules:            3 (3 passed, 0 failed)", "lost writes:          0",
                "split-brain windows:  0");
    }
}
