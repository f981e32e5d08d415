package io.github.mssqlk8s.ha;

import java.time.Instant;

/**
 * Whether every other replica's SQL write lease has certainly run out.
 *
 * @param clearAt from when promotion is safe
 * @param reason  one sentence: who is waited for and until when, or why it is clear
 */
public record FenceCheck(Instant clearAt, String reason) {

    public boolean isClearAt(Instant now) {
        return !clearAt.isAfter(now);
    }
}
