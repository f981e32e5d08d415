package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a replica may be promoted (contract §6): only a synchronous-commit member — as the membership
 * asks and as the replica itself reports, since SQL Server may have switched an unresponsive replica to
 * asynchronous on its own — that is joined and not failed. Automatic promotion also wants a recent
 * report, a known sequence number, and no FAILOVER refused by SQL Server (41142) since the replica was
 * last a secondary of a live primary: a refused replica would be chosen, and refused, again and again.
 */
public final class Eligibility {

    private Eligibility() {
    }

    /** Why {@code report}'s replica may not be promoted automatically; empty when it may. */
    public static Optional<String> whyNot(ReplicaReport report, Optional<Member> member, Instant now,
                                          Duration staleAfter) {
        return modeProblem(report, member, "never promoted automatically")
                .or(() -> staleness(report, now, staleAfter))
                .or(() -> healthOrRoleProblem(report))
                .or(() -> report.sequenceNumber() == null
                        ? Optional.of(report.name() + "'s sequence number is unknown") : Optional.empty())
                .or(() -> refusal(report));
    }

    /**
     * Why the local replica may not carry out a manual failover to itself; a forced one ignores an
     * earlier 41142 refusal, since forcing is exactly what that refusal asks for.
     */
    public static Optional<String> whyNotManualTarget(ReplicaReport report, Optional<Member> member, boolean forced) {
        return modeProblem(report, member, "never a failover target")
                .or(() -> healthOrRoleProblem(report))
                .or(() -> forced ? Optional.empty() : refusal(report));
    }

    private static Optional<String> modeProblem(ReplicaReport report, Optional<Member> member, String consequence) {
        String name = report.name();
        if (member.isEmpty()) {
            return Optional.of(name + " is not a member of the availability group");
        }
        AvailabilityMode desired = member.get().mode();
        if (desired != AvailabilityMode.SYNCHRONOUS_COMMIT) {
            return Optional.of(name + " is " + desired.phrase() + ", " + consequence);
        }
        if (report.mode() != AvailabilityMode.SYNCHRONOUS_COMMIT) {
            return Optional.of(name + " reports itself " + report.mode().phrase()
                    + " (SQL Server may have switched it), " + consequence);
        }
        return Optional.empty();
    }

    private static Optional<String> staleness(ReplicaReport report, Instant now, Duration staleAfter) {
        return report.isFreshAt(now, staleAfter) ? Optional.empty()
                : Optional.of(report.name() + "'s report is stale (last one "
                        + Durations.format(Durations.until(report.reportedAt(), now)) + " ago)");
    }

    private static Optional<String> healthOrRoleProblem(ReplicaReport report) {
        if (report.health().isFailed()) {
            return Optional.of(report.name() + "'s health failed: " + report.health().reason());
        }
        return switch (report.role()) {
            case UNKNOWN -> Optional.of(report.name() + " is unreachable");
            case NOT_JOINED -> Optional.of(report.name() + " is not joined");
            default -> Optional.empty();
        };
    }

    private static Optional<String> refusal(ReplicaReport report) {
        return report.promotionRefusedAt() == null ? Optional.empty()
                : Optional.of(report.name() + "'s FAILOVER was refused by SQL Server at " + report.promotionRefusedAt()
                        + " (41142: not synchronized)");
    }
}
