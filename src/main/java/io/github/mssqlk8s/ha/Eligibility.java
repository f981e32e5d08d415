package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a replica may be promoted automatically (contract §6): only a synchronous-commit member —
 * as the membership asks and as the replica itself reports, since SQL Server may have switched an
 * unresponsive replica to asynchronous on its own — that is reachable, joined, not failed and has
 * reported recently.
 */
public final class Eligibility {

    private Eligibility() {
    }

    /** Why {@code report}'s replica may not be promoted automatically; empty when it may. */
    public static Optional<String> whyNot(ReplicaReport report, Optional<Member> member, Instant now,
                                          Duration staleAfter) {
        String name = report.name();
        if (member.isEmpty()) {
            return Optional.of(name + " is not a member of the availability group");
        }
        AvailabilityMode desired = member.get().mode();
        if (desired != AvailabilityMode.SYNCHRONOUS_COMMIT) {
            return Optional.of(name + " is " + desired.phrase() + ", never promoted automatically");
        }
        if (report.mode() != AvailabilityMode.SYNCHRONOUS_COMMIT) {
            return Optional.of(name + " reports itself " + report.mode().phrase()
                    + " (SQL Server may have switched it), never promoted automatically");
        }
        if (!report.isFreshAt(now, staleAfter)) {
            return Optional.of(name + "'s report is stale (last one " + Durations.format(
                    Durations.until(report.reportedAt(), now)) + " ago)");
        }
        if (report.health().isFailed()) {
            return Optional.of(name + "'s health failed: " + report.health().reason());
        }
        if (report.role() == ReplicaRole.UNKNOWN || report.role() == ReplicaRole.NOT_JOINED) {
            return Optional.of(name + " is " + (report.role() == ReplicaRole.UNKNOWN ? "unreachable" : "not joined"));
        }
        if (report.sequenceNumber() == null) {
            return Optional.of(name + "'s sequence number is unknown");
        }
        return Optional.empty();
    }
}
