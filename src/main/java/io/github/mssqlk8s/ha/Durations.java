package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.time.Instant;

/** Formatting and arithmetic shared by the reasons: durations read as "4s" or "1.5s". */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis % 1000 == 0) {
            return (millis / 1000) + "s";
        }
        return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    /** Time from {@code from} to {@code to}, zero when {@code to} is not later. */
    static Duration until(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Whether more than {@code limit} has passed from {@code since} to {@code now}. */
    static boolean exceeded(Instant since, Duration limit, Instant now) {
        return since.plus(limit).isBefore(now);
    }
}
