package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Resolves the failover Job's {@code MSSQL_K8S_NEW_PRIMARY} (contract §3) against the AG's replicas.
 *
 * <p>Forms: a pod name, pod IP, StatefulSet name, SqlServer or server name, or host name names one
 * replica; {@code !name} means any synchronized secondary except that one; empty means the best
 * synchronized secondary (by {@link CandidateRanking#ORDER}). A named target must be a synchronous-
 * commit secondary that reports recently and is not failed; when it is not synchronized it is refused
 * unless data loss is allowed, and then the failover is forced. A synchronized target is failed over
 * without force even when data loss is allowed: nothing is gained by risking it.
 */
public final class FailoverRequestResolver {

    private FailoverRequestResolver() {
    }

    /**
     * @param requestedTarget  {@code MSSQL_K8S_NEW_PRIMARY}, null or blank for "best"
     * @param allowDataLoss    {@code FORCE_FAILOVER_ALLOW_DATA_LOSS}
     * @param reports          the latest report of every replica
     * @param inFlight         a request already published and not finished, null when none
     */
    public static FailoverResolution resolve(String requestedTarget, boolean allowDataLoss, List<ReplicaReport> reports,
                                             List<Member> membership, ManualFailoverRequest inFlight, Instant now,
                                             Duration staleAfter) {
        if (inFlight != null) {
            return new FailoverResolution.Refused("a failover to " + inFlight.target() + " requested at "
                    + inFlight.requestedAt() + " is still in progress; wait for it to finish");
        }
        Replicas replicas = new Replicas(reports, membership, now, staleAfter);
        String target = requestedTarget == null ? "" : requestedTarget.trim();
        if (target.isEmpty()) {
            return best(replicas, null);
        }
        if (target.startsWith("!")) {
            String excluded = target.substring(1).trim();
            Optional<Member> member = replicas.find(excluded);
            if (member.isEmpty()) {
                return unknown(excluded, replicas);
            }
            return best(replicas, member.get().name());
        }
        List<Member> matches = replicas.matching(target);
        if (matches.isEmpty()) {
            return unknown(target, replicas);
        }
        if (matches.size() > 1) {
            return new FailoverResolution.Refused("failover target '" + target + "' is ambiguous: it names "
                    + matches.stream().map(Member::name).collect(Collectors.joining(", ")));
        }
        Member member = matches.get(0);
        if (replicas.isPrimary(member.name())) {
            return new FailoverResolution.Refused(member.name() + " is already the primary; nothing to fail over");
        }
        return check(member, replicas, allowDataLoss)
                .<FailoverResolution>map(FailoverResolution.Refused::new)
                .orElseGet(() -> resolved(member, replicas, allowDataLoss));
    }

    private static FailoverResolution resolved(Member member, Replicas replicas, boolean allowDataLoss) {
        ReplicaReport report = replicas.report(member.name()).orElseThrow();
        if (report.isSynchronized()) {
            return new FailoverResolution.Resolved(report.id(), false, "failover to " + member.name()
                    + ", which is synchronized");
        }
        return new FailoverResolution.Resolved(report.id(), true, "forced failover to " + member.name()
                + ", which is not synchronized (" + report.firstUnsynchronized() + "): data loss allowed");
    }

    private static FailoverResolution best(Replicas replicas, String excluded) {
        List<ReplicaReport> candidates = new ArrayList<>();
        List<String> whyNot = new ArrayList<>();
        for (Member member : replicas.membership()) {
            if (member.name().equals(excluded) || replicas.isPrimary(member.name())) {
                continue;
            }
            check(member, replicas, false).ifPresentOrElse(whyNot::add,
                    () -> candidates.add(replicas.report(member.name()).orElseThrow()));
        }
        String scope = excluded == null ? "" : " other than " + excluded;
        return candidates.stream().min(CandidateRanking.ORDER)
                .<FailoverResolution>map(best -> new FailoverResolution.Resolved(best.id(), false,
                        "failover to " + best.name() + ", the best synchronized secondary" + scope))
                .orElseGet(() -> new FailoverResolution.Refused("no synchronized secondary" + scope
                        + " to fail over to" + (whyNot.isEmpty() ? "" : ": " + String.join("; ", whyNot))));
    }

    /** Why {@code member} cannot be the target, empty when it can. */
    private static Optional<String> check(Member member, Replicas replicas, boolean allowDataLoss) {
        String name = member.name();
        if (member.mode() != AvailabilityMode.SYNCHRONOUS_COMMIT) {
            return Optional.of(name + " is " + member.mode().phrase()
                    + "; only synchronous-commit replicas can become primary by failover; valid targets: "
                    + replicas.validTargets());
        }
        Optional<ReplicaReport> report = replicas.report(name);
        if (report.isEmpty()) {
            return Optional.of(name + " has not reported");
        }
        ReplicaReport r = report.get();
        if (!r.isFreshAt(replicas.now(), replicas.staleAfter())) {
            return Optional.of(name + " has not reported for " + Durations.format(
                    Durations.until(r.reportedAt(), replicas.now())));
        }
        if (r.health().isFailed()) {
            return Optional.of(name + "'s health failed: " + r.health().reason());
        }
        if (r.role() != ReplicaRole.SECONDARY && r.role() != ReplicaRole.RESOLVING) {
            return Optional.of(name + " is " + r.role() + ", not a secondary");
        }
        if (!r.isSynchronized() && !allowDataLoss) {
            return Optional.of(name + " is not synchronized (" + r.firstUnsynchronized()
                    + "); set FORCE_FAILOVER_ALLOW_DATA_LOSS=true to fail over with possible data loss");
        }
        return Optional.empty();
    }

    private static FailoverResolution unknown(String target, Replicas replicas) {
        return new FailoverResolution.Refused("unknown failover target '" + target + "'; valid targets: "
                + replicas.validTargets());
    }

    /** The replicas seen by the request: membership joined with reports. */
    private record Replicas(List<ReplicaReport> reports, List<Member> membership, Instant now, Duration staleAfter) {

        Optional<ReplicaReport> report(String name) {
            return reports.stream().filter(r -> r.name().equals(name)).findFirst();
        }

        boolean isPrimary(String name) {
            return report(name).filter(r -> r.role() == ReplicaRole.PRIMARY && r.isFreshAt(now, staleAfter)).isPresent();
        }

        List<Member> matching(String target) {
            return membership.stream()
                    .filter(m -> m.id().answersTo(target)
                            || report(m.name()).map(r -> r.id().answersTo(target)).orElse(false))
                    .toList();
        }

        Optional<Member> find(String target) {
            List<Member> found = matching(target);
            return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
        }

        String validTargets() {
            String valid = membership.stream()
                    .filter(m -> m.mode() == AvailabilityMode.SYNCHRONOUS_COMMIT && !isPrimary(m.name()))
                    .map(m -> report(m.name()).map(r -> r.id()).orElse(m.id()).describe())
                    .sorted()
                    .collect(Collectors.joining(", "));
            return valid.isEmpty() ? "none" : valid;
        }
    }
}
