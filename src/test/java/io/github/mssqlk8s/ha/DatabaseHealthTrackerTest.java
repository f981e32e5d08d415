package io.github.mssqlk8s.ha;

import static io.github.mssqlk8s.ha.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseHealthTrackerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    /** One tick: at a time, db1 in a state. */
    private record Tick(double at, DatabaseState db1) {
    }

    private static Arguments ticks(String name, DatabaseHealthVerdict.Status expectedLast, String keyword, Tick... ticks) {
        return Arguments.of(name, List.of(ticks), expectedLast, keyword);
    }

    static Stream<Arguments> sequences() {
        DatabaseState on = DatabaseState.ONLINE;
        DatabaseState rec = DatabaseState.RECOVERING;
        DatabaseState pend = DatabaseState.RECOVERY_PENDING;
        return Stream.of(
                ticks("online stays healthy", DatabaseHealthVerdict.Status.HEALTHY, "ONLINE",
                        new Tick(0, on), new Tick(500, on)),
                ticks("suspect fails at once", DatabaseHealthVerdict.Status.FAILED, "SUSPECT, a permanent failure",
                        new Tick(0, DatabaseState.SUSPECT)),
                ticks("emergency fails at once", DatabaseHealthVerdict.Status.FAILED, "EMERGENCY",
                        new Tick(0, DatabaseState.EMERGENCY)),
                ticks("recovering within the timeout waits", DatabaseHealthVerdict.Status.TRANSIENT, "fails after 180s",
                        new Tick(0, rec), new Tick(100, rec), new Tick(180, rec)),
                ticks("recovering past the timeout fails", DatabaseHealthVerdict.Status.FAILED,
                        "RECOVERING for 181s, past the transient timeout of 180s",
                        new Tick(0, rec), new Tick(100, rec), new Tick(181, rec)),
                ticks("moving between transient states keeps the first-seen time", DatabaseHealthVerdict.Status.FAILED,
                        "RECOVERY_PENDING for 190s",
                        new Tick(10, rec), new Tick(100, pend), new Tick(200, pend)),
                ticks("coming online resets the clock", DatabaseHealthVerdict.Status.TRANSIENT, "RECOVERING for 100s",
                        new Tick(0, rec), new Tick(150, on), new Tick(160, rec), new Tick(260, rec)),
                ticks("restoring is transient", DatabaseHealthVerdict.Status.TRANSIENT, "RESTORING",
                        new Tick(0, DatabaseState.RESTORING)),
                ticks("offline past the timeout fails", DatabaseHealthVerdict.Status.FAILED, "OFFLINE for 200s",
                        new Tick(0, DatabaseState.OFFLINE), new Tick(200, DatabaseState.OFFLINE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void acrossTicks(String name, List<Tick> ticks, DatabaseHealthVerdict.Status expected, String keyword) {
        DatabaseHealthTracker tracker = DatabaseHealthTracker.empty();
        List<DatabaseHealthVerdict> verdicts = new ArrayList<>();
        for (Tick tick : ticks) {
            Map<String, DatabaseState> states = Map.of("db1", tick.db1());
            tracker = tracker.observe(states, at(tick.at()));
            verdicts.add(tracker.judge(states, TIMEOUT, at(tick.at())));
        }
        DatabaseHealthVerdict last = verdicts.get(verdicts.size() - 1);

        assertThat(last.status()).isEqualTo(expected);
        assertThat(last.reason()).contains(keyword);
    }

    @Test
    void theTrackerIsAValueThePreviousTickKeeps() {
        Map<String, DatabaseState> recovering = Map.of("db1", DatabaseState.RECOVERING);
        DatabaseHealthTracker first = DatabaseHealthTracker.empty().observe(recovering, at(0));
        DatabaseHealthTracker second = first.observe(Map.of("db1", DatabaseState.ONLINE), at(10));

        assertThat(first.transientSince()).containsEntry("db1", at(0));
        assertThat(second.transientSince()).isEmpty();
    }

    @Test
    void aPermanentFailureOutranksAnotherDatabaseStillRecovering() {
        Map<String, DatabaseState> states = Map.of("a_db", DatabaseState.RECOVERING, "b_db", DatabaseState.SUSPECT);
        DatabaseHealthTracker tracker = DatabaseHealthTracker.empty().observe(states, at(0));

        DatabaseHealthVerdict verdict = tracker.judge(states, TIMEOUT, at(0));

        assertThat(verdict.isFailed()).isTrue();
        assertThat(verdict.reason()).contains("b_db is SUSPECT");
    }

    @ParameterizedTest
    @CsvSource({"ONLINE, HEALTHY", "suspect, PERMANENT_FAILURE", "EMERGENCY, PERMANENT_FAILURE",
            "RECOVERY_PENDING, TRANSIENT", "OFFLINE, TRANSIENT", "COPYING, TRANSIENT"})
    void stateDescriptionsSortIntoKinds(String desc, DatabaseState.Kind kind) {
        assertThat(DatabaseState.parse(desc).kind()).isEqualTo(kind);
    }
}
