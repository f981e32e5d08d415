package io.github.mssqlk8s.ha;

import java.time.Instant;

/**
 * Whether every other replica's SQL write lease has certainly run out.
 *
 * @param runsOutAt the latest moment another write lease may still be valid, null when none can be;
 *                  promotion is safe strictly after it
 * @param reason    one sentence: who is waited for and until when, or why nobody is
 */
public record FenceCheck(Instant runsOutAt, String reason) {

    public static FenceCheck nobodyToWaitFor(String reason) {
        return new FenceCheck(null, reason);
    }

    public boolean isClearAt(Instant now) {
        return runsOutAt == null || runsOutAt.isBefore(now);
    }
}
