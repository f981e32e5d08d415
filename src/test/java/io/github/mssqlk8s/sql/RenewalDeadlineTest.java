package io.github.mssqlk8s.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** F1: a write-lease renewal carries its deadline as SQL Server's own UTC time, checked in the same batch. */
class RenewalDeadlineTest {

    @Test
    void theDeadlineIsTheMonotonicDeadlineReadOffThisHostsClock() {
        Instant before = Instant.now();
        String guard = AvailabilityGroupSql.guardedByDeadline(System.nanoTime() + 2_000_000_000L);
        Instant after = Instant.now();

        Matcher m = Pattern.compile("^IF SYSUTCDATETIME\\(\\) > CAST\\(N'([^']+)' AS DATETIME2\\) THROW 50001, N'[^']*', 1; $")
                .matcher(guard);
        assertThat(m.matches()).as(guard).isTrue();
        Instant deadline = LocalDateTime.parse(m.group(1)).toInstant(ZoneOffset.UTC);
        assertThat(deadline).isBetween(before.plusMillis(1990), after.plusMillis(2001));
    }
}
