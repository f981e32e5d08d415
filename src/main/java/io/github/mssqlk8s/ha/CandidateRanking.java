package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Orders promotion candidates, best first, as a plain sort order:
 * <ol>
 *   <li>higher AG sequence number first — the replica that has seen the latest configuration;</li>
 *   <li>all databases SYNCHRONIZED first — only a tie-breaker, since after the primary is lost these
 *       states cannot be trusted (SQL Server's own 41142 check is the real guard);</li>
 *   <li>replicas that did not step down first — a primary that released leadership (say for a
 *       damaged database) is not promoted back while an equal replica exists; having been primary
 *       earns no preference either;</li>
 *   <li>SqlServer name, alphabetically — the deterministic last tie-break.</li>
 * </ol>
 */
public final class CandidateRanking {

    public static final Comparator<ReplicaReport> ORDER = Comparator
            .comparing(ReplicaReport::sequenceNumber, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(ReplicaReport::isSynchronized, Comparator.reverseOrder())
            .thenComparing(ReplicaReport::leadershipReleased)
            .thenComparing(ReplicaReport::name);

    private CandidateRanking() {
    }

    /** Ranks {@code reports} for automatic promotion against the desired {@code membership}. */
    public static Ranking rank(List<ReplicaReport> reports, List<Member> membership, Instant now,
                               Duration staleAfter) {
        List<ReplicaReport> candidates = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        for (ReplicaReport report : reports) {
            Optional<Member> member = membership.stream().filter(m -> m.name().equals(report.name())).findFirst();
            Eligibility.whyNot(report, member, now, staleAfter).ifPresentOrElse(
                    why -> rejections.add(new Rejection(report.name(), why)),
                    () -> candidates.add(report));
        }
        candidates.sort(ORDER);
        if (!candidates.isEmpty()) {
            ReplicaReport best = candidates.get(0);
            for (ReplicaReport other : candidates.subList(1, candidates.size())) {
                rejections.add(new Rejection(other.name(), whyBehind(other, best)));
            }
        }
        return new Ranking(candidates, rejections);
    }

    /** The first sort criterion on which {@code other} loses to {@code best}, as a sentence. */
    static String whyBehind(ReplicaReport other, ReplicaReport best) {
        String o = other.name();
        String b = best.name();
        if (!Objects.equals(other.sequenceNumber(), best.sequenceNumber())) {
            return o + "'s sequence number " + other.sequenceNumber() + " is lower than " + b + "'s "
                    + best.sequenceNumber();
        }
        if (best.isSynchronized() && !other.isSynchronized()) {
            return o + " is not synchronized (" + other.firstUnsynchronized() + ") while " + b + " is";
        }
        if (other.leadershipReleased() && !best.leadershipReleased()) {
            return o + " stepped down as primary and is not promoted back while " + b + " is as good";
        }
        return o + " ties with " + b + ", which sorts first by name";
    }
}
