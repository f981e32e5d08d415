package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The quorum of reports needed before an automatic promotion (contract §6, after SQL Server's
 * Pacemaker agent): at least ⌊n/2⌋+1 of the n synchronous-commit and configuration-only members must
 * have reported their sequence number since the primary was lost. Counting only reports made after
 * the loss plays the part of Pacemaker's pre-promote notification: numbers read while the old primary
 * could still change the configuration would prove nothing.
 *
 * <p>Only a number read from SQL Server in the tick it was reported votes (contract §6): a report whose role
 * is UNKNOWN (SQL unreachable) or NOT_JOINED carries no live number, and a number an agent kept from an
 * earlier read could be older than the configuration its replica is really at.
 */
public final class PromotionQuorum {

    private PromotionQuorum() {
    }

    /**
     * @param reports all reports, the local one included
     * @param since   when the primary was lost (the new leader uses the time it acquired the Lease)
     */
    public static QuorumCheck check(List<ReplicaReport> reports, List<Member> membership, Instant since,
                                    Instant now, Duration staleAfter) {
        Set<String> voters = membership.stream().filter(m -> m.mode().countsForQuorum())
                .map(Member::name).collect(Collectors.toSet());
        List<ReplicaReport> counted = reports.stream()
                .filter(r -> r.sequenceNumber() != null && readLive(r) && r.isFreshAt(now, staleAfter)
                        && !r.reportedAt().isBefore(since))
                .toList();
        int reported = (int) counted.stream().filter(r -> voters.contains(r.name())).count();
        Long highest = counted.stream().map(ReplicaReport::sequenceNumber).filter(Objects::nonNull)
                .max(Long::compare).orElse(null);
        int n = voters.size();
        int needed = n / 2 + 1;
        String reason = reported + " of " + n + " synchronous-commit/configuration-only members reported since "
                + since + " (" + needed + " needed)";
        return new QuorumCheck(n, needed, reported, highest, reason);
    }

    /** The role says SQL Server answered with an AG row this tick, so the sequence number is live. */
    private static boolean readLive(ReplicaReport report) {
        return switch (report.role()) {
            case PRIMARY, SECONDARY, RESOLVING -> true;
            default -> false;
        };
    }
}
