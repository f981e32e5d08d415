package io.github.mssqlk8s.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock plus an offset a test can change while the clock is in use: clock skew between agents. */
public final class SkewedClock extends Clock {

    private volatile Duration skew = Duration.ZERO;

    public void setSkew(Duration skew) {
        this.skew = skew;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a skewed clock stays in UTC");
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(skew);
    }
}
