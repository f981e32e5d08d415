package io.github.mssqlk8s.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {

    private static final List<FaultSchedule> TWO_HUNDRED = LongStream.range(1, 201).mapToObj(FaultSchedule::generate).toList();

    @Test
    void aSeedAlwaysGivesTheSameScheduleSoAFailureCanBeReplayed() {
        assertThat(FaultSchedule.generate(42)).isEqualTo(FaultSchedule.generate(42));
        assertThat(FaultSchedule.generate(42).toString()).isEqualTo(FaultSchedule.generate(42).toString()).startsWith("seed 42: ");
    }

    @Test
    void neighbouringSeedsGiveDifferentSchedules() {
        assertThat(TWO_HUNDRED.stream().map(FaultSchedule::faults).distinct().count()).isEqualTo(200);
        assertThat(TWO_HUNDRED.stream().map(schedule -> schedule.faults().get(0).kind()).distinct().count())
                .as("first faults of consecutive seeds").isEqualTo(FaultKind.values().length);
    }

    @Test
    void twoHundredSchedulesInjectEveryKindOfFaultAndOftenSeveralAtOnce() {
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        TWO_HUNDRED.forEach(schedule -> schedule.faults().forEach(fault -> kinds.add(fault.kind())));
        assertThat(kinds).containsExactlyInAnyOrder(FaultKind.values());
        long overlapping = TWO_HUNDRED.stream().filter(FaultScheduleTest::hasOverlap).count();
        assertThat(overlapping).as("schedules with two faults at once").isGreaterThan(50);
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
