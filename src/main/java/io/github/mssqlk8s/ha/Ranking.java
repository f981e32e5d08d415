package io.github.mssqlk8s.ha;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of ranking: eligible candidates best first, and a "why not" for every other replica
 * (ineligible ones and eligible ones that ranked lower).
 */
public record Ranking(List<ReplicaReport> candidates, List<Rejection> rejections) {

    public Ranking {
        candidates = List.copyOf(candidates);
        rejections = List.copyOf(rejections);
    }

    public Optional<ReplicaReport> best() {
        return candidates.stream().findFirst();
    }

    public Optional<Rejection> rejectionOf(String replica) {
        return rejections.stream().filter(r -> r.replica().equals(replica)).findFirst();
    }

    /** All rejections as one line, for reasons. */
    public String explainRejections() {
        return rejections.stream().map(Rejection::reason).collect(Collectors.joining("; "));
    }
}
