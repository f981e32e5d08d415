package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.ha.AgSnapshot;
import io.github.mssqlk8s.ha.AvailabilityMode;
import io.github.mssqlk8s.ha.DatabaseHealthVerdict;
import io.github.mssqlk8s.ha.HealthVerdict;
import io.github.mssqlk8s.ha.LeadershipView;
import io.github.mssqlk8s.ha.LocalReplica;
import io.github.mssqlk8s.ha.ManualFailoverRequest;
import io.github.mssqlk8s.ha.Member;
import io.github.mssqlk8s.ha.ReplicaReport;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.kube.AgConfigMapState;
import io.github.mssqlk8s.kube.LeaderEntry;
import io.github.mssqlk8s.sql.LocalReplicaState;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first step of a tick: read the API objects (the SqlServer resources listing the AG, the Lease, the AG's
 * ConfigMap), the local SQL Server and the health agent's verdict, and put them into one {@link AgSnapshot}.
 */
final class SnapshotGathering {

    /** The snapshot, with the raw SQL read (null when it failed) and why it failed. */
    record Gathered(AgSnapshot snapshot, LocalReplicaState sql, String sqlProblem) {
    }

    private final AgentCalls calls;
    private final AgentMemory memory;

    SnapshotGathering(AgentCalls calls) {
        this.calls = calls;
        this.memory = calls.memory;
    }

    /**
     * A failed read keeps the value last read. The Lease and the peers' reports are moved onto this agent's own
     * clock by when each read started and ended (contract §6).
     */
    void readApi() {
        memory.listing = calls.attempt("list the SqlServer resources", () -> calls.io.members().list(), memory.listing);
        LeadershipView lease = calls.attempt("read the Lease", () -> calls.io.lease().read(), null);
        if (lease != null) {
            memory.lease.read(lease, calls.clock.instant());
        }
        Instant start = calls.clock.instant();
        AgConfigMapState shared = calls.attempt("read the ConfigMap", () -> calls.io.configMap().read(), null);
        if (shared != null) {
            memory.shared = shared;
            memory.peerReports.read(shared.reportsExcept(calls.name()), start, calls.clock.instant());
        }
    }

    Gathered gather(Instant now) {
        LocalReplicaState sql = null;
        String sqlProblem = null;
        // the report is as old as its SQL read, not as the end of a tick that may have waited on statements
        Instant readAt = calls.clock.instant();
        try {
            sql = calls.io.sql().read(calls.ag());
        } catch (SQLException | java.io.IOException e) {
            sqlProblem = "SQL Server: " + e.getMessage();
        }
        if (sql != null) {
            memory.sqlUnreachableSince = null;
        } else if (memory.sqlUnreachableSince == null) {
            memory.sqlUnreachableSince = readAt;
        }
        HealthVerdict health = calls.io.health().verdict();
        List<Member> members = memory.listing == null ? List.of() : memory.listing.members();
        Optional<Member> me = members.stream().filter(m -> m.name().equals(calls.name())).findFirst();
        if (me.isEmpty()) {
            memory.hadSequenceNumberAsMember = false;
        }
        ReplicaRole role = sql == null ? ReplicaRole.UNKNOWN
                : ReplicaRole.asObserved(sql.role(), memory.hadSequenceNumberAsMember);
        if (sql != null && sql.sequenceNumber() != null && me.isPresent()) {
            memory.hadSequenceNumberAsMember = true;
        }
        AvailabilityMode mode = sql != null && sql.mode() != null ? sql.mode()
                : me.map(Member::mode).orElse(AvailabilityMode.SYNCHRONOUS_COMMIT);
        memory.databaseTracker = sql == null ? memory.databaseTracker : memory.databaseTracker.observe(sql.databaseStates(), now);
        DatabaseHealthVerdict databaseHealth = sql == null ? DatabaseHealthVerdict.healthy()
                : memory.databaseTracker.judge(sql.databaseStates(), calls.config.timing().transientDbTimeout(), now);
        List<ReplicaReport> peers = memory.peerReports.reports();
        if (role == ReplicaRole.SECONDARY && secondaryOfLivePrimary(peers, now)) {
            memory.leadershipReleased = false;
            memory.promotionRefusedAt = null;
        }
        // no SQL read, no sequence number: a number kept from an earlier read must never vote (contract §6)
        ReplicaReport observed = new ReplicaReport(calls.ownId(), mode, role, sql == null ? null : sql.sequenceNumber(),
                sql == null ? Map.of() : sql.synchronization(), sql == null ? null : sql.writeLeaseRemaining(),
                memory.writeLeaseRenewedAt, memory.leadershipReleased, health, memory.promotionRefusedAt, readAt);
        LocalReplica local = new LocalReplica(observed, sql == null ? List.of() : sql.configuredReplicas(),
                sql == null ? null : sql.requiredSynchronizedSecondaries(), databaseHealth, memory.commitPendingSince,
                memory.sqlUnreachableSince);
        // a request is stamped by the failover Job's wall clock and times out by it
        ManualFailoverRequest request = memory.shared.manualRequest(calls.wall.instant(), calls.config.requestTimeout())
                .orElse(null);
        peers.stream().filter(p -> p.role() == ReplicaRole.PRIMARY && p.isFreshAt(now, calls.config.timing().reportStaleAfter()))
                .findFirst().ifPresent(p -> {
                    memory.lastSeenPrimary = p.name();
                    // compared with the step-down entry the same peer stamps: its own clock, as published
                    memory.lastSeenPrimaryAt = memory.shared.reportsExcept(calls.name()).stream()
                            .filter(r -> r.name().equals(p.name())).findFirst().map(ReplicaReport::publishedAt).orElse(null);
                });
        noteStepDown();
        AgSnapshot snapshot = new AgSnapshot(calls.ag(), local, memory.leadership(), members, peers, request,
                calls.config.timing(), calls.config.rsstcOverride());
        return new Gathered(snapshot, sql, sqlProblem);
    }

    private boolean secondaryOfLivePrimary(List<ReplicaReport> peers, Instant now) {
        LeadershipView leadership = memory.leadership();
        String holder = leadership.holder();
        return leadership.isHeld(now) && !calls.name().equals(holder) && peers.stream()
                .anyMatch(p -> p.name().equals(holder) && p.role() == ReplicaRole.PRIMARY
                        && p.isFreshAt(now, calls.config.timing().reportStaleAfter()));
    }

    /** Remembers a former primary's last word, read before this agent's own leader entry replaces it. */
    private void noteStepDown() {
        LeaderEntry entry = memory.shared.leader();
        if (entry != null && entry.primary() == null && entry.lastDecision() != null && entry.leader() != null
                && entry.leader().equals(memory.lastSeenPrimary) && entry.updatedAt() != null) {
            memory.stepDown = entry;
        }
    }
}
