package io.github.mssqlk8s.ha;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one agent knows about one AG at one tick. Gathered by the agent (fetch), handed to
 * {@link AgDecider} (decide); never changed afterwards.
 *
 * @param agName         the AG
 * @param local          this agent's replica
 * @param leadership     the AG's Lease
 * @param membership     the SqlServer resources listing the AG, with their modes (desired state)
 * @param peers          the latest report of every other agent of the AG (stale ones included; rules
 *                       decide what is stale)
 * @param manualRequest  a failover requested through the AG's ConfigMap, null when none
 * @param timing         the agent's timing settings
 * @param rsstcOverride  per-AG override of REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT, null when none
 */
public record AgSnapshot(
        String agName,
        LocalReplica local,
        LeadershipView leadership,
        List<Member> membership,
        List<ReplicaReport> peers,
        ManualFailoverRequest manualRequest,
        TimingSettings timing,
        Integer rsstcOverride) {

    public AgSnapshot {
        Objects.requireNonNull(agName, "agName");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(leadership, "leadership");
        membership = List.copyOf(membership);
        peers = List.copyOf(peers);
        Objects.requireNonNull(timing, "timing");
        if (peers.stream().anyMatch(p -> p.name().equals(local.name()))) {
            throw new IllegalArgumentException("peers must not contain the local replica " + local.name());
        }
    }

    /** The local observation followed by the peers' reports. */
    public List<ReplicaReport> allReports() {
        List<ReplicaReport> all = new ArrayList<>(peers.size() + 1);
        all.add(local.observed());
        all.addAll(peers);
        return all;
    }

    public Optional<Member> member(String name) {
        return membership.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public Optional<ReplicaReport> report(String name) {
        return allReports().stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
