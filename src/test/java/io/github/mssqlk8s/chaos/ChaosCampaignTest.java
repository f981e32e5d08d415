package io.github.mssqlk8s.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosCampaignTest {

    @Test
    void theSummaryCountsEverythingAndGivesEachFailureItsSeedAndReplayCommand() {
        ScheduleOutcome passed = new ScheduleOutcome(FaultSchedule.generate(6), Map.of(FaultKind.SQL_CRASH, 1), 0, 1, 0, 0, 100,
                Duration.ofMillis(3_200), Duration.ofMillis(40), List.of());
        ScheduleOutcome failed = new ScheduleOutcome(FaultSchedule.generate(7), Map.of(FaultKind.API_OUTAGE, 1, FaultKind.SQL_HANG, 2),
                1, 2, 3, 1, 200, Duration.ofMillis(9_500), null, List.of("3 acknowledged writes lost on c2"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ChaosCampaign.summarize(List.of(passed, failed), new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
                "schedules:            2 (1 passed, 1 failed)",
                "faults injected:      4 {SQL_CRASH=1, SQL_HANG=2, API_OUTAGE=1} (skipped, target busy: 1)",
                "failovers:            3",
                "writes acknowledged:  300",
                "lost writes:          3",
                "split-brain windows:  1",
                "worst recovery:       9.50 s",
                "FAILED seed 7: 3 acknowledged writes lost on c2",
                "replay: scripts/chaos 1 7");
    }
}
