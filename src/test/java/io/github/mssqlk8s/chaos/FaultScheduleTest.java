package io.github.mssqlk8s.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mssqlk8s.agent.ag.TickPause;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {

    private static final List<FaultSchedule> TWO_HUNDRED = LongStream.range(1, 201).mapToObj(FaultSchedule::generate).toList();
    private static final List<FaultSchedule> TWO_HUNDRED_HARSH = LongStream.range(1, 201)
            .mapToObj(seed -> FaultSchedule.generate(seed, FaultSchedule.Profile.HARSH)).toList();

    @Test
    void aSeedAlwaysGivesTheSameScheduleSoAFailureCanBeReplayed() {
        assertThat(FaultSchedule.generate(42)).isEqualTo(FaultSchedule.generate(42));
        assertThat(FaultSchedule.generate(42).toString()).isEqualTo(FaultSchedule.generate(42).toString()).startsWith("seed 42: ");
    }

    @Test
    void neighbouringSeedsGiveDifferentSchedules() {
        assertThat(TWO_HUNDRED.stream().map(FaultSchedule::faults).distinct().count()).isEqualTo(200);
        assertThat(TWO_HUNDRED.stream().map(schedule -> schedule.faults().get(0).kind()).distinct().count())
                .as("first faults of consecutive seeds").isEqualTo(FaultKind.CLASSIC.length);
    }

    @Test
    void twoHundredSchedulesInjectEveryKindOfFaultAndOftenSeveralAtOnce() {
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        TWO_HUNDRED.forEach(schedule -> schedule.faults().forEach(fault -> kinds.add(fault.kind())));
        assertThat(kinds).containsExactlyInAnyOrder(FaultKind.CLASSIC);
        long overlapping = TWO_HUNDRED.stream().filter(FaultScheduleTest::hasOverlap).count();
        assertThat(overlapping).as("schedules with two faults at once").isGreaterThan(50);
        assertThat(TWO_HUNDRED).allSatisfy(schedule -> assertThat(schedule.sql()).isEqualTo(SqlBehaviour.POLITE));
    }

    @Test
    void theClassicProfileKeepsTheSchedulesItsSeedsAlwaysHad() {
        // as docs/proof/chaos-200-seed-1000.txt and -3000.txt printed them before the harsh profile existed
        assertThat(FaultSchedule.generate(1000)).hasToString("seed 1000: API_OUTAGE at 1.042 s for 1.641 s");
        assertThat(FaultSchedule.generate(3005)).hasToString(
                "seed 3005: LINK_SLOW +1171 ms between the primary and a secondary at 4.3 s for 3.038 s");
    }

    @Test
    void twoHundredHarshSchedulesDrawEveryKindEveryFreezePointAndEverySwitchBothWays() {
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        Set<TickPause.Point> points = EnumSet.noneOf(TickPause.Point.class);
        TWO_HUNDRED_HARSH.forEach(schedule -> schedule.faults().forEach(fault -> {
            kinds.add(fault.kind());
            if (fault.kind() == FaultKind.AGENT_FREEZE) {
                points.add(fault.freezePoint());
            }
        }));
        assertThat(kinds).containsExactlyInAnyOrder(FaultKind.values());
        assertThat(points).containsExactlyInAnyOrder(TickPause.Point.values());
        List<SqlBehaviour> sql = TWO_HUNDRED_HARSH.stream().map(FaultSchedule::sql).toList();
        assertThat(sql).extracting(SqlBehaviour::oldPrimaryStaysPrimary).contains(true, false);
        assertThat(sql).extracting(SqlBehaviour::suspendAfterForcedFailover).contains(true, false);
        assertThat(sql).extracting(SqlBehaviour::configurationCommitsHang).contains(true, false);
        assertThat(sql).extracting(SqlBehaviour::replicaOwnLeaseAtFailover).contains(true, false);
        assertThat(sql).extracting(SqlBehaviour::writeLeaseOverstay).containsOnly(Duration.ZERO);
    }

    @Test
    void harshFaultsStayWithinTheirBounds() {
        List<ScheduledFault> all = TWO_HUNDRED_HARSH.stream().flatMap(schedule -> schedule.faults().stream()).toList();
        assertThat(all).filteredOn(fault -> fault.kind() == FaultKind.CLOCK_SKEW).allSatisfy(fault ->
                assertThat(fault.parameter()).isBetween(-30_000L, 30_000L));
        assertThat(all).filteredOn(fault -> fault.kind() == FaultKind.CLOCK_SKEW)
                .anySatisfy(fault -> assertThat(Math.abs(fault.parameter())).isGreaterThan(10_000L));
        assertThat(all).filteredOn(fault -> fault.kind() == FaultKind.AGENT_FREEZE).allSatisfy(fault -> {
            assertThat(fault.parameter()).isBetween(500L, 10_000L);
            assertThat(fault.forMillis()).isEqualTo(fault.parameter() + 1_000);
        });
        assertThat(all).filteredOn(fault -> fault.kind() == FaultKind.LATE_STATEMENTS).allSatisfy(fault ->
                assertThat(fault.parameter()).isBetween(500L, 5_000L));
        assertThat(all).filteredOn(fault -> fault.kind() != FaultKind.AGENT_FREEZE).allSatisfy(fault ->
                assertThat(fault.forMillis()).isBetween(1_000L, 8_000L));
    }

    @Test
    void faultsStayWithinTheirWindowAndMembershipChangesAtMostOnce() {
        for (FaultSchedule schedule : TWO_HUNDRED) {
            assertThat(schedule.faults()).hasSizeBetween(1, 3).allSatisfy(fault -> {
                assertThat(fault.atMillis()).isBetween(0L, 8_000L);
                assertThat(fault.forMillis()).isBetween(1_000L, 8_000L);
            });
            assertThat(schedule.faults().stream().filter(fault -> fault.kind().permanent()).count()).isLessThanOrEqualTo(1);
            assertThat(schedule.faults()).isSortedAccordingTo((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
        }
    }

    private static boolean hasOverlap(FaultSchedule schedule) {
        List<ScheduledFault> faults = schedule.faults();
        for (int i = 1; i < faults.size(); i++) {
            if (faults.get(i).atMillis() < faults.get(i - 1).endMillis()) {
                return true;
            }
        }
        return false;
    }
}
