package io.github.mssqlk8s.kube;

import io.github.mssqlk8s.ha.Member;
import io.github.mssqlk8s.ha.ReplicaId;
import io.github.mssqlk8s.ha.ReplicaReport;
import io.github.mssqlk8s.ha.ReplicaRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AG's replicas as the failover Job (and the operator's rollout) can know them without reading SqlServer resources: the agents' reports
 * from the ConfigMap, with pod IPs from the pods list, and as membership every reporting replica (in the mode it
 * reports) plus every member pod that has not reported (in the mode its label gives, so that it is named in
 * refusals).
 */
public record AgReplicas(List<ReplicaReport> reports, List<Member> membership) {

    /** {@code observed}: the reports as the reader observed them (the Job: only those it saw change on its own clock). */
    public static AgReplicas of(java.util.Collection<ReplicaReport> observed, List<AgPods.MemberPod> pods) {
        Map<String, ReplicaReport> reports = new LinkedHashMap<>();
        observed.forEach(report -> reports.put(report.name(), withPodIp(report, pods)));
        List<Member> membership = new ArrayList<>();
        reports.values().forEach(report -> membership.add(new Member(report.id(), report.mode())));
        for (AgPods.MemberPod pod : pods) {
            if (!reports.containsKey(pod.sqlServerName())) {
                membership.add(new Member(new ReplicaId(pod.sqlServerName(), pod.podName(), pod.podName(), pod.podIp(),
                        pod.sqlServerName(), null), AgPods.modeOfLabel(pod.mode())));
            }
        }
        return new AgReplicas(List.copyOf(reports.values()), membership);
    }

    public Optional<ReplicaReport> report(String name) {
        return reports.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The replica that reports PRIMARY and is fresh: the one a switchover moves away from. */
    public Optional<ReplicaReport> freshPrimary(Instant now, Duration staleAfter) {
        return reports.stream()
                .filter(r -> r.role() == ReplicaRole.PRIMARY && r.isFreshAt(now, staleAfter))
                .max((a, b) -> Long.compare(orZero(a.sequenceNumber()), orZero(b.sequenceNumber())));
    }

    private static long orZero(Long sequenceNumber) {
        return sequenceNumber == null ? 0 : sequenceNumber;
    }

    /** The pod's current IP when the report has none: the user may name the target by it. */
    private static ReplicaReport withPodIp(ReplicaReport report, List<AgPods.MemberPod> pods) {
        ReplicaId id = report.id();
        Optional<AgPods.MemberPod> pod = pods.stream().filter(p -> p.sqlServerName().equals(report.name())).findFirst();
        if (id.podIp() != null || pod.isEmpty() || pod.get().podIp() == null) {
            return report;
        }
        ReplicaId withIp = new ReplicaId(id.sqlServerName(), id.replicaServerName(),
                id.podName() != null ? id.podName() : pod.get().podName(), pod.get().podIp(), id.statefulSetName(),
                id.endpointHost());
        return new ReplicaReport(withIp, report.mode(), report.role(), report.sequenceNumber(), report.databases(),
                report.writeLeaseRemaining(), report.writeLeaseRenewedAt(), report.leadershipReleased(), report.health(),
                report.promotionRefusedAt(), report.reportedAt(), report.publishedAt());
    }
}
