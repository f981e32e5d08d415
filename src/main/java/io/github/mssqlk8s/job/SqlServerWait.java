package io.github.mssqlk8s.job;

import io.github.mssqlk8s.sql.SqlConnector;
import io.github.mssqlk8s.sql.SqlFailure;
import io.github.mssqlk8s.sql.SqlLogin;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits, for a bounded time, until an instance accepts a login. Refused and timed-out connections are retried
 * with a progress line now and then; a rejected password ends the wait at once (waiting cannot fix it).
 */
final class SqlServerWait {

    static final String STEP = "wait for SQL Server";
    private static final Duration RETRY_DELAY = Duration.ofMillis(500);

    private final Clock clock;
    private final Duration timeout;
    private final Duration progressInterval;
    private final JobLog log;
    private final Redaction redaction;

    SqlServerWait(Clock clock, Duration timeout, Duration progressInterval, JobLog log, Redaction redaction) {
        this.clock = clock;
        this.timeout = timeout;
        this.progressInterval = progressInterval;
        this.log = log;
        this.redaction = redaction;
    }

    Connection connect(SqlConnector connector, SqlLogin login) throws JobFailure {
        Instant start = clock.instant();
        Instant nextProgress = start.plus(progressInterval);
        String where = connector.endpoint().describe();
        while (true) {
            try {
                return connector.connect(login);
            } catch (SQLException failed) {
                SqlFailure kind = SqlFailure.of(failed);
                if (kind == SqlFailure.LOGIN_FAILED) {
                    throw new JobFailure(STEP, "SQL Server at " + where + " rejected the login " + login.name()
                            + " (error 18456): the password in its Secret does not match the instance's");
                }
                Duration waited = Duration.between(start, clock.instant());
                if (waited.compareTo(timeout) >= 0) {
                    throw new JobFailure(STEP, "SQL Server at " + where + " did not accept connections within "
                            + timeout.toSeconds() + " s: " + redaction.apply(failed.getMessage()));
                }
                if (!clock.instant().isBefore(nextProgress)) {
                    log.info("waiting for SQL Server at " + where + " (" + waited.toSeconds() + " s so far, "
                            + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
                    nextProgress = clock.instant().plus(progressInterval);
                }
                pause();
            }
        }
    }

    private static void pause() throws JobFailure {
        try {
            Thread.sleep(RETRY_DELAY.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new JobFailure(STEP, "interrupted");
        }
    }
}
