package io.github.mssqlk8s.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The negative control: the campaign's checks can see what they claim to rule out. One guarantee the agents' safety
 * rests on is switched off by a test-only sabotage — a renewed SQL write lease outlives its WRITE_LEASE_VALIDITY by
 * 8 s, so the new primary's wait for the old write lease is far too short — and the same campaign machinery must
 * then report two writable primaries, and print them. The same schedule with polite SQL Servers (an old primary
 * still reachable at FAILOVER hands over) shows why review finding F3 matters: there the sabotage stays invisible.
 */
class ChaosNegativeControlScenarioTest {

    /** The primary's agent dies for 8 s: its peers take the Lease after ~4 s while its write lease runs ~10 s. */
    private static final List<ScheduledFault> PRIMARY_AGENT_DIES =
            List.of(new ScheduledFault(FaultKind.AGENT_KILL, true, 500, 8_000, 0));
    private static final Duration SABOTAGE = Duration.ofSeconds(8);

    @Test
    void withTheWriteLeaseWaitDefeatedTheCampaignFindsAndPrintsSplitBrainWindows() {
        FaultSchedule sabotaged = new FaultSchedule(-1, FaultSchedule.Profile.HARSH, PRIMARY_AGENT_DIES,
                new SqlBehaviour(true, false, false, false, SABOTAGE));

        String report = campaign(sabotaged);

        assertThat(report).as(report).contains("FAILED seed -1", "two writable primaries at once: [Window[from=")
                .containsPattern("[1-9]\\d* split-brain windows")
                .doesNotContain("split-brain windows:  0");
    }

    @Test
    void aPoliteSimulatorHidesTheSameSabotage() {
        FaultSchedule politeButSabotaged = new FaultSchedule(-2, FaultSchedule.Profile.HARSH, PRIMARY_AGENT_DIES,
                new SqlBehaviour(false, false, false, false, SABOTAGE));

        String report = campaign(politeButSabotaged);

        assertThat(report).as(report).contains("split-brain windows:  0");
    }

    private static String campaign(FaultSchedule schedule) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        ChaosCampaign.summarize(ChaosCampaign.run(List.of(schedule), out), out);
        String report = printed.toString(StandardCharsets.UTF_8);
        System.out.println(report);
        return report;
    }
}
