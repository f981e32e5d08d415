package io.github.mssqlk8s.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mssqlk8s.agent.ag.TickPause;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harsh faults in CI: three fixed schedules (written out, not drawn, so that each keeps what it tests) with an
 * agent frozen between the Lease renewal and the write-lease renewal it licenses, the API server cut off from the
 * primary alone, late statements, clocks 30 s ahead and behind, and the simulated SQL Servers' switches at their
 * worst and polite. {@code scripts/chaos N seed harsh} draws such schedules at random.
 */
class ChaosHarshScenarioTest {

    private static final int FREEZE_BEFORE_WRITE_LEASE = TickPause.Point.BEFORE_WRITE_LEASE_RENEWAL.ordinal();
    private static final int FREEZE_BEFORE_FAILOVER = TickPause.Point.BEFORE_FAILOVER.ordinal();
    private static final SqlBehaviour WORST = new SqlBehaviour(true, true, true, true, Duration.ZERO);

    private static FaultSchedule schedule(long id, SqlBehaviour sql, ScheduledFault... faults) {
        return new FaultSchedule(id, FaultSchedule.Profile.HARSH, List.of(faults), sql);
    }

    @Test
    void threeFixedHarshSchedulesKeepEveryPromise() {
        List<FaultSchedule> schedules = List.of(
                schedule(-1, WORST,
                        new ScheduledFault(FaultKind.CLOCK_SKEW, false, 0, 8_000, 30_000),
                        new ScheduledFault(FaultKind.AGENT_FREEZE, true, 500, 7_000, 6_000, FREEZE_BEFORE_WRITE_LEASE)),
                schedule(-2, new SqlBehaviour(true, false, true, false, Duration.ZERO),
                        new ScheduledFault(FaultKind.PRIMARY_API_CUT, true, 500, 6_000, 0),
                        new ScheduledFault(FaultKind.LATE_STATEMENTS, false, 1_000, 4_000, 2_000)),
                schedule(-3, WORST,
                        new ScheduledFault(FaultKind.CLOCK_SKEW, true, 0, 8_000, -30_000),
                        new ScheduledFault(FaultKind.LATE_STATEMENTS, true, 500, 3_000, 1_500),
                        new ScheduledFault(FaultKind.SQL_CRASH, true, 4_000, 3_000, 0),
                        new ScheduledFault(FaultKind.AGENT_FREEZE, false, 4_500, 3_000, 2_000, FREEZE_BEFORE_FAILOVER)));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        List<ScheduleOutcome> outcomes = ChaosCampaign.run(schedules, out);
        ChaosCampaign.summarize(outcomes, out);

        String report = printed.toString(StandardCharsets.UTF_8);
        System.out.println(report);
        assertThat(outcomes).as(report).allSatisfy(outcome -> assertThat(outcome.problems()).isEmpty());
        assertThat(outcomes).as(report).allSatisfy(outcome -> assertThat(outcome.acknowledgedWrites()).isPositive());
        assertThat(report).contains("schedules:            3 (3 passed, 0 failed)", "lost writes:          0",
                "split-brain windows:  0");
    }
}
