package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestartBackoffTest {

    /** The defaults: 1 s doubling to 30 s; a minute of running counts as steady. */
    private static final RestartBackoff BACKOFF = new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(60));

    @ParameterizedTest(name = "crash {0} in a row waits {1} s")
    @CsvSource({
        "1, 1",
        "2, 2",
        "3, 4",
        "4, 8",
        "5, 16",
        "6, 30",
        "7, 30",
        "1000, 30",
    })
    void delayDoublesUpToTheCap(int crashesInARow, long seconds) {
        assertThat(BACKOFF.delayAfter(crashesInARow)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "{0} crashes before, ran {1} s: {2} in a row")
    @CsvSource({
        "0, 0, 1",
        "0, 59, 1",
        "1, 0, 2",
        "4, 59, 5",
        "4, 60, 1",
        "9, 3600, 1",
    })
    void aSteadyRunStartsTheCountAfresh(int crashesBefore, long uptimeSeconds, int crashesInARow) {
        assertThat(BACKOFF.crashesInARow(crashesBefore, Duration.ofSeconds(uptimeSeconds))).isEqualTo(crashesInARow);
    }

    @ParameterizedTest(name = "first {0} ms, cap {1} ms, crash {2}: {3} ms")
    @CsvSource({
        "50, 400, 1, 50",
        "50, 400, 4, 400",
        "50, 400, 5, 400",
        "300, 1000, 3, 1000",
        "1000, 500, 1, 500",
    })
    void theCapHoldsForAnyFirstDelay(long firstMillis, long capMillis, int crashesInARow, long expectedMillis) {
        RestartBackoff backoff = new RestartBackoff(Duration.ofMillis(firstMillis), Duration.ofMillis(capMillis),
                Duration.ofMinutes(1));

        assertThat(backoff.delayAfter(crashesInARow)).isEqualTo(Duration.ofMillis(expectedMillis));
    }
}
