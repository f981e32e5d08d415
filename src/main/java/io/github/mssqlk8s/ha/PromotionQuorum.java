package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
 *
 * <p>n and the voters' modes come from the AG itself ({@code sys.availability_replicas} as read on the
 * candidate this tick), never from the desired SqlServer resources (F8): while a membership edit is in flight
 * the resources may already drop a synchronous replica that still holds the last commit (n too small: a lagging
 * replica could be promoted) or list members not yet added (n too large: the AG could never fail over).
 */
public final class PromotionQuorum {

    private PromotionQuorum() {
    }

    /**
     * @param reports    all reports, the local one included
     * @param configured the AG's replicas as the candidate read them this tick; empty when unknown (no quorum)
     * @param since      when the primary was lost (the new leader uses the time it acquired the Lease)
     */
    public static QuorumCheck check(List<ReplicaReport> reports, List<ConfiguredReplica> configured, Instant since,
                                    Instant now, Duration staleAfter) {
        Set<String> voters = configured.stream().filter(r -> r.mode().countsForQuorum())
                .map(r -> r.replicaServerName().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<ReplicaReport> counted = reports.stream()
                .filter(r -> r.sequenceNumber() != null && readLive(r) && r.isFreshAt(now, staleAfter)
                        && !r.reportedAt().isBefore(since))
                .toList();
        int reported = (int) counted.stream()
                .filter(r -> voters.contains(r.id().replicaServerName().toLowerCase(Locale.ROOT))).count();
        Long highest = counted.stream().map(ReplicaReport::sequenceNumber).filter(Objects::nonNull)
                .max(Long::compare).orElse(null);
        int n = voters.size();
        int needed = n / 2 + 1;
        String reason = configured.isEmpty() ? "the AG's replicas could not be read on this replica"
                : reported + " of " + n + " synchronous-commit/configuration-only replicas of the AG reported since "
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
