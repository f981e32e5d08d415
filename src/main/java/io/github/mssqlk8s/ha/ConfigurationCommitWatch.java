package io.github.mssqlk8s.ha;

import java.time.Instant;

/**
 * Since when the local replica's current configuration commit has been waiting, on this agent's own clock (F9,
 * contract §6 rule 10). SQL Server shows a waiting commit in {@code current_configuration_commit_start_time_utc}; a
 * primary cut off from every synchronous secondary keeps that commit waiting while its write-lease renewals may still
 * succeed, so the column, not a failed renewal, is the evidence. The column's value only tells one commit from the
 * next: the wait is measured from when this agent first saw it (as a Lease renewal is), so no clock but the agent's
 * own is read.
 *
 * @param commitStart the column's value when it was first seen, null when no commit is waiting
 * @param firstSeenAt when this agent first saw that value, null when none is waiting
 */
public record ConfigurationCommitWatch(String commitStart, Instant firstSeenAt) {

    public static final ConfigurationCommitWatch NONE = new ConfigurationCommitWatch(null, null);

    /** The watch after reading the column as {@code commitStart} at {@code now}. */
    public ConfigurationCommitWatch observe(String current, Instant now) {
        if (current == null) {
            return NONE;
        }
        return current.equals(commitStart) ? this : new ConfigurationCommitWatch(current, now);
    }

    /** Since when a commit has been seen waiting, null when none is. */
    public Instant pendingSince() {
        return firstSeenAt;
    }
}
