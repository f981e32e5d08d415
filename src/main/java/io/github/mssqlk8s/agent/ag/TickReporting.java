package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.api.AvailabilityGroupStatus;
import io.github.mssqlk8s.ha.AgSnapshot;
import io.github.mssqlk8s.ha.CandidateRanking;
import io.github.mssqlk8s.ha.Decision;
import io.github.mssqlk8s.ha.Eligibility;
import io.github.mssqlk8s.ha.ManualFailoverRequest;
import io.github.mssqlk8s.ha.Member;
import io.github.mssqlk8s.ha.Ranking;
import io.github.mssqlk8s.ha.ReplicaReport;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.kube.AgMembers;
import io.github.mssqlk8s.kube.FailoverOutcomeEntry;
import io.github.mssqlk8s.kube.LeaderEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The last step of a tick: publish what was observed and done — the agent's own report in the AG's ConfigMap,
 * the {@code leader} entry while holding the Lease, routing labels, the SqlServer's status, the outcome of a
 * failover request aimed at this replica, and a log line when the decision changed.
 */
final class TickReporting {

    private static final Logger LOG = Logger.getLogger(AgAgent.class);

    private final AgentCalls calls;
    private final AgentMemory memory;
    private final RoutingLabels labels;
    private final DecisionLog decisionLog = new DecisionLog();
    private final DecisionLog statusLog = new DecisionLog();

    TickReporting(AgentCalls calls) {
        this.calls = calls;
        this.memory = calls.memory;
        this.labels = new RoutingLabels(calls.io.pods(), calls.name());
    }

    void report(Decision decision, SnapshotGathering.Gathered tick, ReplicaRole role, Instant now) {
        ReplicaReport observed = tick.snapshot().local().observed();
        publishReport(new ReplicaReport(calls.ownId(), observed.mode(), role, observed.sequenceNumber(), observed.databases(),
                observed.writeLeaseRemaining(), memory.writeLeaseRenewedAt, memory.leadershipReleased, observed.health(),
                memory.promotionRefusedAt, observed.reportedAt(), calls.clock.instant()));
        boolean leader = memory.leadership().isHeldBy(calls.name(), now);
        // a leader that just stepped down still publishes why, so that its successor can report the cause
        boolean wasLeader = leader || tick.snapshot().leadership().isHeldBy(calls.name(), now);
        calls.metrics.observed(role, leader, observed.writeLeaseRemaining() == null ? 0
                : observed.writeLeaseRemaining().toMillis());
        labelPods(role, tick.snapshot());
        if (wasLeader) {
            publishLeaderEntry(decision, tick.snapshot(), role, now);
            calls.markTimedOutRequest(calls.wall.instant());
        }
        finishManualRequest(tick.snapshot(), role);
        if (decisionLog.isNews(decision)) {
            LOG.infof("%s/%s: %s", calls.ag(), calls.name(), DecisionLog.describe(decision)
                    + (tick.sqlProblem() == null ? "" : " [" + tick.sqlProblem() + "]"));
        }
        if (statusLog.isNews(decision)) {
            writeStatus(decision, role);
        }
    }

    void publishReport(ReplicaReport report) {
        calls.attempt("publish the report", () -> calls.io.configMap().publishReport(report));
    }

    void removeLabels() {
        calls.attempt("remove the routing labels", labels::remove);
    }

    private void labelPods(ReplicaRole role, AgSnapshot s) {
        String mode = s.member(calls.name()).map(m -> AgMembers.manifestMode(m.mode()).manifestName()).orElse(null);
        calls.attempt("label the pods", () -> labels.apply(role, mode), Optional.<String>empty())
                .ifPresent(ip -> memory.podIp = ip);
    }

    private void publishLeaderEntry(Decision decision, AgSnapshot s, ReplicaRole role, Instant now) {
        String name = calls.name();
        Ranking ranking = CandidateRanking.rank(s.allReports(), s.membership(), now, calls.config.timing().reportStaleAfter());
        Map<String, String> notPromoted = new LinkedHashMap<>();
        for (Member member : s.membership()) {
            if (!member.name().equals(name) || role != ReplicaRole.PRIMARY) {
                ranking.rejectionOf(member.name()).ifPresent(r -> notPromoted.put(member.name(), r.reason()));
            }
        }
        String primary = role == ReplicaRole.PRIMARY ? name : null;
        LeaderEntry entry = new LeaderEntry(name, primary, calls.wall.instant(), memory.lastFailover, notPromoted,
                DecisionLog.describe(decision));
        boolean entryIsMine = memory.shared.leader() != null && name.equals(memory.shared.leader().leader());
        if (entryIsMine && memory.lastLeaderEntry != null && sameExceptTime(memory.lastLeaderEntry, entry)) {
            return;
        }
        calls.attempt("publish the leader entry", () -> {
            calls.io.configMap().publishLeader(entry);
            memory.lastLeaderEntry = entry;
        });
    }

    private static boolean sameExceptTime(LeaderEntry a, LeaderEntry b) {
        return Objects.equals(a.leader(), b.leader()) && Objects.equals(a.primary(), b.primary())
                && Objects.equals(a.lastFailover(), b.lastFailover())
                && a.notPromoted().keySet().equals(b.notPromoted().keySet())
                && DecisionLog.withoutFigures(a.lastDecision()).equals(DecisionLog.withoutFigures(b.lastDecision()));
    }

    /** The target's agent: succeeded once it is primary, refused when it may not become primary. */
    private void finishManualRequest(AgSnapshot s, ReplicaRole role) {
        ManualFailoverRequest request = s.manualRequest();
        if (request == null || !request.target().equals(calls.name())) {
            return;
        }
        if (role == ReplicaRole.PRIMARY) {
            calls.outcome(FailoverOutcomeEntry.State.SUCCEEDED, calls.name() + " is the primary of " + calls.ag());
            return;
        }
        Eligibility.whyNotManualTarget(s.local().observed(), s.member(calls.name()), request.forced())
                .ifPresent(why -> calls.outcome(FailoverOutcomeEntry.State.REFUSED, why));
    }

    private void writeStatus(Decision decision, ReplicaRole role) {
        AvailabilityGroupStatus entry = new AvailabilityGroupStatus();
        entry.setName(calls.ag());
        entry.setRole(role == ReplicaRole.NOT_JOINED ? "unknown" : role.name().toLowerCase(Locale.ROOT));
        Optional.ofNullable(memory.listing).flatMap(l -> l.members().stream().filter(m -> m.name().equals(calls.name()))
                .findFirst()).ifPresent(m -> entry.setAvailabilityMode(AgMembers.manifestMode(m.mode())));
        entry.setMessage(decision.reason());
        calls.attempt("write the status", () -> calls.io.status().write(calls.name(), entry), false);
    }
}
