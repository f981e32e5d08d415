package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.api.AvailabilityGroupStatus;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.ha.AgDecider;
import io.github.mssqlk8s.ha.AgSnapshot;
import io.github.mssqlk8s.ha.AvailabilityMode;
import io.github.mssqlk8s.ha.CandidateRanking;
import io.github.mssqlk8s.ha.DatabaseHealthTracker;
import io.github.mssqlk8s.ha.DatabaseHealthVerdict;
import io.github.mssqlk8s.ha.Decision;
import io.github.mssqlk8s.ha.Eligibility;
import io.github.mssqlk8s.ha.HealthVerdict;
import io.github.mssqlk8s.ha.LeadershipView;
import io.github.mssqlk8s.ha.LocalReplica;
import io.github.mssqlk8s.ha.ManualFailoverRequest;
import io.github.mssqlk8s.ha.Member;
import io.github.mssqlk8s.ha.MembershipChange;
import io.github.mssqlk8s.ha.Ranking;
import io.github.mssqlk8s.ha.ReplicaId;
import io.github.mssqlk8s.ha.ReplicaReport;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.kube.AgConfigMapState;
import io.github.mssqlk8s.kube.AgMembers;
import io.github.mssqlk8s.kube.EventRecorder;
import io.github.mssqlk8s.kube.FailoverOutcomeEntry;
import io.github.mssqlk8s.kube.LastFailover;
import io.github.mssqlk8s.kube.LeaderEntry;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.sql.AvailabilityGroupSql;
import io.github.mssqlk8s.sql.LocalReplicaState;
import io.github.mssqlk8s.sql.ReplicaDefinition;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One AG replica's agent. Every monitor period, {@link #tick()}: gather one {@link AgSnapshot} (SQL DMVs, the
 * health agent's verdict, the SqlServer resources listing the AG, the peers' reports and a failover request from
 * the AG's ConfigMap, the Lease), let {@link AgDecider} decide, carry the decision out under the obligations of
 * {@link Decision}, then report (own ConfigMap key, the {@code leader} key when holding the Lease, pod labels,
 * status, Events and a log line when the decision changed).
 *
 * <p>Leadership: any action of the Lease holder (hold, reconcile, create, promote) first renews the Lease in
 * the same tick and is skipped when that fails; the SQL write lease is renewed only right after a successful
 * renewal. Whatever the API server or SQL Server does, a tick never throws: a failed read leaves the last known
 * value (the Lease's renew time then ages, and the decider fences), a failed statement is logged and retried on
 * a later tick.
 *
 * <p>On SIGTERM ({@link #leave()}): a primary with a secondary able to take over hands over at once (OFFLINE,
 * release the Lease, report the final write-lease renewal), so that a planned pod deletion fails over in about
 * a write-lease period instead of a Lease duration; a replica whose resource no longer lists the AG also drops
 * its routing labels.
 */
public class AgAgent {

    private static final Logger LOG = Logger.getLogger(AgAgent.class);

    private final AgAgentConfig config;
    private final AgAgentAdapters io;
    private final Clock clock;
    private final AgAgentMetrics metrics;
    private final DecisionLog decisionLog = new DecisionLog();
    private final DecisionLog statusLog = new DecisionLog();
    private final RoutingLabels labels;
    private final FailoverOutcomes outcomes;

    // what the agent knows across ticks
    private AgMembers.Listing listing;
    private LeadershipView leadership;
    private AgConfigMapState shared = AgConfigMapState.absent();
    private Instant lastSeenPrimaryAt;
    private LeaderEntry stepDown;
    private ReplicaReport lastReport;
    private DatabaseHealthTracker databaseTracker = DatabaseHealthTracker.empty();
    private Instant writeLeaseRenewedAt;
    private boolean leadershipReleased;
    private Instant promotionRefusedAt;
    private Instant commitPendingSince;
    private LastFailover lastFailover;
    private String lastSeenPrimary;
    private LeaderEntry lastLeaderEntry;
    private String podIp;
    private String lastProblem;
    private String createProblem;

    public AgAgent(AgAgentConfig config, AgAgentAdapters io, Clock clock) {
        this.config = config;
        this.io = io;
        this.clock = clock;
        this.metrics = new AgAgentMetrics(io.metrics(), config.availabilityGroup());
        this.leadership = LeadershipView.vacant(config.timing().leaseDuration());
        this.labels = new RoutingLabels(io.pods(), config.sqlServerName());
        this.outcomes = new FailoverOutcomes(io.configMap(), clock, config.requestTimeout());
    }

    public String name() {
        return config.sqlServerName();
    }

    /** One monitor period: gather, decide, execute, report. Never throws. */
    public Decision tick() {
        Instant now = clock.instant();
        readApi();
        Tick tick = gather(now);
        Decision decision = AgDecider.decide(tick.snapshot(), now);
        metrics.decided(decision);
        ReplicaRole roleAfter = execute(decision, tick, now);
        report(decision, tick, roleAfter, clock.instant());
        return decision;
    }

    // ---- gather ----

    private record Tick(AgSnapshot snapshot, LocalReplicaState sql, String sqlProblem) {
    }

    private void readApi() {
        listing = attempt("list the SqlServer resources", () -> io.members().list(), listing);
        leadership = attempt("read the Lease", () -> io.lease().read(), leadership);
        shared = attempt("read the ConfigMap", () -> io.configMap().read(), shared);
    }

    private Tick gather(Instant now) {
        LocalReplicaState sql = null;
        String sqlProblem = null;
        // the report is as old as its SQL read, not as the end of a tick that may have waited on statements
        Instant readAt = clock.instant();
        try {
            sql = io.sql().read(config.availabilityGroup());
        } catch (SQLException | java.io.IOException e) {
            sqlProblem = "SQL Server: " + e.getMessage();
        }
        HealthVerdict health = io.health().verdict();
        List<Member> members = listing == null ? List.of() : listing.members();
        Optional<Member> me = members.stream().filter(m -> m.name().equals(name())).findFirst();
        ReplicaRole role = sql == null ? ReplicaRole.UNKNOWN : sql.role();
        AvailabilityMode mode = sql != null && sql.mode() != null ? sql.mode()
                : me.map(Member::mode).orElse(AvailabilityMode.SYNCHRONOUS_COMMIT);
        databaseTracker = sql == null ? databaseTracker : databaseTracker.observe(sql.databaseStates(), now);
        DatabaseHealthVerdict databaseHealth = sql == null ? DatabaseHealthVerdict.healthy()
                : databaseTracker.judge(sql.databaseStates(), config.timing().transientDbTimeout(), now);
        List<ReplicaReport> peers = shared.reportsExcept(name());
        if (role == ReplicaRole.SECONDARY && secondaryOfLivePrimary(peers, now)) {
            leadershipReleased = false;
            promotionRefusedAt = null;
        }
        // no SQL read, no sequence number: a number kept from an earlier read must never vote (contract §6)
        ReplicaReport observed = new ReplicaReport(ownId(), mode, role, sql == null ? null : sql.sequenceNumber(),
                sql == null ? Map.of() : sql.synchronization(), sql == null ? null : sql.writeLeaseRemaining(),
                writeLeaseRenewedAt, leadershipReleased, health, promotionRefusedAt, readAt);
        LocalReplica local = new LocalReplica(observed, sql == null ? List.of() : sql.configuredReplicas(),
                sql == null ? null : sql.requiredSynchronizedSecondaries(), databaseHealth, commitPendingSince);
        ManualFailoverRequest request = shared.manualRequest(now, config.requestTimeout()).orElse(null);
        peers.stream().filter(p -> p.role() == ReplicaRole.PRIMARY && p.isFreshAt(now, config.timing().reportStaleAfter()))
                .findFirst().ifPresent(p -> {
                    lastSeenPrimary = p.name();
                    lastSeenPrimaryAt = p.reportedAt();
                });
        noteStepDown();
        AgSnapshot snapshot = new AgSnapshot(config.availabilityGroup(), local, leadership, members, peers, request,
                config.timing(), config.rsstcOverride());
        return new Tick(snapshot, sql, sqlProblem);
    }

    private boolean secondaryOfLivePrimary(List<ReplicaReport> peers, Instant now) {
        return leadership.isHeld(now) && !name().equals(leadership.holder()) && peers.stream()
                .anyMatch(p -> p.name().equals(leadership.holder()) && p.role() == ReplicaRole.PRIMARY
                        && p.isFreshAt(now, config.timing().reportStaleAfter()));
    }

    private ReplicaId ownId() {
        ReplicaId id = AgMembers.replicaId(name(), config.namespace());
        return new ReplicaId(id.sqlServerName(), id.replicaServerName(), id.podName(), podIp, id.statefulSetName(),
                id.endpointHost());
    }

    // ---- execute ----

    /** Carries the decision out; returns the local role it leaves behind. */
    private ReplicaRole execute(Decision decision, Tick tick, Instant now) {
        ReplicaRole role = tick.snapshot().local().role();
        String ag = config.availabilityGroup();
        if (decision instanceof Decision.HoldPrimary) {
            if (renewLease()) {
                renewWriteLease();
            }
        } else if (decision instanceof Decision.ReconcileMembership reconcile) {
            if (renewLease() && renewWriteLease()) {
                reconcile(reconcile);
            }
        } else if (decision instanceof Decision.CreateAvailabilityGroup create) {
            if (renewLease() && create(create)) {
                writeLeaseRenewedAt = clock.instant();
                event(EventRecorder.NORMAL, "AvailabilityGroupCreated", decision.reason());
                return ReplicaRole.PRIMARY;
            }
        } else if (decision instanceof Decision.JoinAvailabilityGroup) {
            if (sql("join the availability group", () -> io.sql().join(ag))
                    && sql("grant CREATE ANY DATABASE", () -> io.sql().grantCreateAnyDatabase(ag))) {
                return ReplicaRole.SECONDARY;
            }
        } else if (decision instanceof Decision.AcquireLeadership) {
            acquire();
        } else if (decision instanceof Decision.Promote promote) {
            return promote(promote, tick, now);
        } else if (decision instanceof Decision.Demote demote) {
            return demote(demote, role);
        } else if (decision instanceof Decision.ReleaseLeadership) {
            release();
        } else if (decision instanceof Decision.SetSecondary) {
            if (sql("set the role to SECONDARY", () -> io.sql().setRoleSecondary(ag))) {
                return ReplicaRole.SECONDARY;
            }
        } else {
            keepLeadership(now);
        }
        return role;
    }

    /**
     * CREATE AVAILABILITY GROUP runs as sa (only sysadmin may). Its failure, e.g. a missing sa password file or a
     * refused sa login, leaves the bootstrap to a later tick and is reported as a Warning Event, once per cause.
     */
    private boolean create(Decision.CreateAvailabilityGroup create) {
        String what = "create the availability group as sa";
        try {
            io.sql().createAvailabilityGroup(config.availabilityGroup(), create.replicas().stream().map(this::definition).toList(),
                    config.writeLeaseSeconds(), create.requiredSynchronizedSecondaries());
            createProblem = null;
            return true;
        } catch (SQLException | java.io.IOException e) {
            String text = what + ": " + firstLine(e.getMessage());
            if (!text.equals(createProblem)) {
                createProblem = text;
                event(EventRecorder.WARNING, "AvailabilityGroupCreateFailed", "Could not " + text);
            }
            problem(text);
            return false;
        }
    }

    private static String firstLine(String message) {
        return message == null ? "no message" : message.lines().findFirst().orElse("no message").strip();
    }

    /** Any other decision while holding the Lease keeps it renewed (the write lease is not). */
    private void keepLeadership(Instant now) {
        if (leadership.isHeldBy(name(), now)) {
            renewLease();
        }
    }

    /**
     * Renews the Lease with the time of the call itself (not the tick's start): peers bound this holder's last
     * write-lease renewal by the Lease's renew time plus one monitor period.
     */
    private boolean renewLease() {
        Instant at = clock.instant();
        Optional<LeadershipView> renewed = attempt("renew the Lease", () -> io.lease().renew(name(), at), Optional.empty());
        renewed.ifPresent(view -> leadership = view);
        metrics.leaseRenewal(renewed.isPresent());
        return renewed.isPresent();
    }

    /**
     * Only ever called right after a successful Lease renewal in the same tick, and skipped when that renewal is
     * already a monitor period old (a slow API answer): peers assume the write lease was renewed within one
     * monitor period of the Lease's renew time.
     */
    private boolean renewWriteLease() {
        if (leadership.renewTime() == null
                || Duration.between(leadership.renewTime(), clock.instant()).compareTo(config.timing().monitorPeriod()) > 0) {
            problem("renew the write lease: the Lease renewal came back too late for it this tick");
            metrics.writeLeaseRenewal(AgAgentMetrics.WriteLeaseRenewal.SKIPPED);
            return false;
        }
        boolean renewed = sql("renew the write lease", () -> io.sql().renewWriteLease(config.availabilityGroup(),
                config.writeLeaseSeconds()));
        metrics.writeLeaseRenewal(renewed ? AgAgentMetrics.WriteLeaseRenewal.RENEWED : AgAgentMetrics.WriteLeaseRenewal.FAILED);
        if (renewed) {
            writeLeaseRenewedAt = clock.instant();
            commitPendingSince = null;
        } else if (commitPendingSince == null) {
            commitPendingSince = clock.instant();
        }
        return renewed;
    }

    private void acquire() {
        Instant at = clock.instant();
        Optional<LeadershipView> acquired = attempt("acquire the Lease", () -> io.lease().acquire(name(), at), Optional.empty());
        acquired.ifPresent(view -> {
            leadership = view;
            leadershipReleased = false;
            LOG.infof("%s: acquired leadership of %s", name(), config.availabilityGroup());
        });
    }

    private void release() {
        if (attempt("release the Lease", () -> io.lease().release(name()), false)) {
            leadershipReleased = true;
            leadership = LeadershipView.vacant(config.timing().leaseDuration());
        }
    }

    /**
     * Why the former primary let go, when its agent said so: the leader entry it published as it stepped down
     * (still the leader, no longer primary) after it was last seen primary. Empty when it was lost without a
     * word (pod lost, agent killed, API cut).
     */
    private Optional<String> stepDownCause(String formerPrimary) {
        if (stepDown == null || !stepDown.leader().equals(formerPrimary) || lastSeenPrimaryAt == null
                || stepDown.updatedAt().isBefore(lastSeenPrimaryAt)) {
            return Optional.empty();
        }
        return Optional.of(formerPrimary + " stepped down (" + stepDown.lastDecision() + ")");
    }

    /** Remembers a former primary's last word, read before this agent's own leader entry replaces it. */
    private void noteStepDown() {
        LeaderEntry entry = shared.leader();
        if (entry != null && entry.primary() == null && entry.lastDecision() != null && entry.leader() != null
                && entry.leader().equals(lastSeenPrimary) && entry.updatedAt() != null) {
            stepDown = entry;
        }
    }

    private ReplicaRole promote(Decision.Promote promote, Tick tick, Instant now) {
        if (!renewLease()) {
            return tick.snapshot().local().role();
        }
        String ag = config.availabilityGroup();
        ManualFailoverRequest request = tick.snapshot().manualRequest();
        String from = lastSeenPrimary;
        try {
            if (promote.forced()) {
                io.sql().forceFailoverAllowDataLoss(ag);
            } else {
                io.sql().failover(ag);
            }
        } catch (SQLException e) {
            if (AvailabilityGroupSql.isPromotionRefused(e)) {
                promotionRefusedAt = clock.instant();
                event(EventRecorder.WARNING, "PromotionRefused", "SQL Server refused to promote " + name() + ": "
                        + e.getMessage());
                if (request != null && request.target().equals(name())) {
                    outcome(FailoverOutcomeEntry.State.REFUSED, "SQL Server refused: " + e.getMessage());
                }
            } else {
                problem("promote " + name() + ": " + e.getMessage());
            }
            return tick.snapshot().local().role();
        } catch (java.io.IOException e) {
            problem("promote " + name() + ": " + e.getMessage());
            return tick.snapshot().local().role();
        }
        Instant at = clock.instant();
        writeLeaseRenewedAt = at;
        leadershipReleased = false;
        LastFailover.Kind kind = request == null ? LastFailover.Kind.AUTOMATIC
                : request.forced() ? LastFailover.Kind.FORCED : LastFailover.Kind.PLANNED;
        lastFailover = new LastFailover(at, from, name(), kind, stepDownCause(from).map(c -> c + "; ").orElse("")
                + promote.reason());
        metrics.promoted(kind);
        LOG.infof("%s: promoted to primary of %s (%s)", name(), ag, lastFailover.reason());
        event(EventRecorder.NORMAL, "Promoted", name() + " is the primary of " + ag + ": " + lastFailover.reason());
        return ReplicaRole.PRIMARY;
    }

    private ReplicaRole demote(Decision.Demote demote, ReplicaRole role) {
        boolean offline = role == ReplicaRole.PRIMARY || role == ReplicaRole.UNKNOWN
                ? sql("go OFFLINE", () -> io.sql().offline(config.availabilityGroup())) : true;
        event(EventRecorder.WARNING, "Demoted", name() + " stepped down as primary of " + config.availabilityGroup()
                + ": " + demote.reason());
        if (demote.releaseLeadership()) {
            release();
        }
        if (shared.manualRequest(clock.instant(), config.requestTimeout()).isPresent()) {
            outcome(FailoverOutcomeEntry.State.ACCEPTED, name() + " demoted itself for the requested failover");
        }
        return offline ? ReplicaRole.RESOLVING : role;
    }

    private void reconcile(Decision.ReconcileMembership reconcile) {
        String ag = config.availabilityGroup();
        for (MembershipChange change : reconcile.changes()) {
            sql(change.toString(), () -> {
                switch (change.kind()) {
                    case ADD -> io.sql().addReplica(ag, definition(new Member(change.id(), change.mode())));
                    case REMOVE -> io.sql().removeReplica(ag, change.replicaServerName());
                    case MODIFY -> io.sql().modifyReplica(ag, change.replicaServerName(), change.mode());
                }
            });
        }
        if (reconcile.requiredSynchronizedSecondaries() != null) {
            sql("set REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT",
                    () -> io.sql().setRequiredSynchronizedSecondaries(ag, reconcile.requiredSynchronizedSecondaries()));
        }
    }

    private ReplicaDefinition definition(Member member) {
        return new ReplicaDefinition(member.id().replicaServerName(), Names.endpointUrl(member.name(), config.namespace()),
                member.mode());
    }

    // ---- report ----

    private void report(Decision decision, Tick tick, ReplicaRole role, Instant now) {
        ReplicaReport observed = tick.snapshot().local().observed();
        lastReport = new ReplicaReport(ownId(), observed.mode(), role, observed.sequenceNumber(), observed.databases(),
                observed.writeLeaseRemaining(), writeLeaseRenewedAt, leadershipReleased, observed.health(),
                promotionRefusedAt, observed.reportedAt());
        attempt("publish the report", () -> {
            io.configMap().publishReport(lastReport);
            return null;
        }, null);
        boolean leader = leadership.isHeldBy(name(), now);
        // a leader that just stepped down still publishes why, so that its successor can report the cause
        boolean wasLeader = leader || tick.snapshot().leadership().isHeldBy(name(), now);
        metrics.observed(role, leader, observed.writeLeaseRemaining() == null ? 0 : observed.writeLeaseRemaining().toMillis());
        labelPods(role, tick.snapshot());
        if (wasLeader) {
            publishLeaderEntry(decision, tick.snapshot(), role, now);
            attempt("mark a timed-out failover request", () -> {
                outcomes.markTimedOut(shared, now);
                return null;
            }, null);
        }
        finishManualRequest(tick.snapshot(), role);
        if (decisionLog.isNews(decision)) {
            LOG.infof("%s/%s: %s", config.availabilityGroup(), name(), DecisionLog.describe(decision)
                    + (tick.sqlProblem() == null ? "" : " [" + tick.sqlProblem() + "]"));
        }
        if (statusLog.isNews(decision)) {
            writeStatus(decision, role);
        }
    }

    private void labelPods(ReplicaRole role, AgSnapshot s) {
        String mode = s.member(name()).map(m -> AgMembers.manifestMode(m.mode()).manifestName()).orElse(null);
        attempt("label the pods", () -> labels.apply(role, mode), Optional.<String>empty()).ifPresent(ip -> podIp = ip);
    }

    private void publishLeaderEntry(Decision decision, AgSnapshot s, ReplicaRole role, Instant now) {
        Ranking ranking = CandidateRanking.rank(s.allReports(), s.membership(), now, config.timing().reportStaleAfter());
        Map<String, String> notPromoted = new LinkedHashMap<>();
        for (Member member : s.membership()) {
            if (!member.name().equals(name()) || role != ReplicaRole.PRIMARY) {
                ranking.rejectionOf(member.name()).ifPresent(r -> notPromoted.put(member.name(), r.reason()));
            }
        }
        String primary = role == ReplicaRole.PRIMARY ? name() : null;
        LeaderEntry entry = new LeaderEntry(name(), primary, now, lastFailover, notPromoted, DecisionLog.describe(decision));
        boolean entryIsMine = shared.leader() != null && name().equals(shared.leader().leader());
        if (entryIsMine && lastLeaderEntry != null && sameExceptTime(lastLeaderEntry, entry)) {
            return;
        }
        attempt("publish the leader entry", () -> {
            io.configMap().publishLeader(entry);
            lastLeaderEntry = entry;
            return null;
        }, null);
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
        if (request == null || !request.target().equals(name())) {
            return;
        }
        if (role == ReplicaRole.PRIMARY) {
            outcome(FailoverOutcomeEntry.State.SUCCEEDED, name() + " is the primary of " + config.availabilityGroup());
            return;
        }
        Eligibility.whyNotManualTarget(s.local().observed(), s.member(name()), request.forced())
                .ifPresent(why -> outcome(FailoverOutcomeEntry.State.REFUSED, why));
    }

    private void outcome(FailoverOutcomeEntry.State state, String message) {
        attempt("write the failover outcome", () -> {
            outcomes.forRequestInFlight(shared, state, message);
            return null;
        }, null);
    }

    private void writeStatus(Decision decision, ReplicaRole role) {
        AvailabilityGroupStatus entry = new AvailabilityGroupStatus();
        entry.setName(config.availabilityGroup());
        entry.setRole(role == ReplicaRole.NOT_JOINED ? "unknown" : role.name().toLowerCase(Locale.ROOT));
        listing().flatMap(l -> l.members().stream().filter(m -> m.name().equals(name())).findFirst())
                .ifPresent(m -> entry.setAvailabilityMode(AgMembers.manifestMode(m.mode())));
        entry.setMessage(decision.reason());
        attempt("write the status", () -> io.status().write(name(), entry), false);
    }

    private void event(String type, String reason, String message) {
        listing().flatMap(l -> l.resource(name())).ifPresent(resource -> io.events().record(resource, type, reason, message));
    }

    private Optional<AgMembers.Listing> listing() {
        return Optional.ofNullable(listing);
    }

    // ---- SIGTERM ----

    /**
     * Called once the loop stopped. Re-reads the resource: if it no longer lists the AG the replica leaves
     * (hands over when primary, drops its routing labels); if it does, a primary hands over when a secondary
     * can take over, so that a planned pod deletion fails over fast. Any other replica just lets its Lease go.
     */
    public void leave() {
        Instant now = clock.instant();
        readApi();
        boolean stillListed = listing == null || listing.lists(name());
        Tick tick = gather(now);
        AgSnapshot s = tick.snapshot();
        boolean primary = s.local().role() == ReplicaRole.PRIMARY;
        boolean successor = CandidateRanking.rank(s.peers(), s.membership(), now, config.timing().reportStaleAfter())
                .best().isPresent();
        ReplicaRole role = s.local().role();
        if (primary && (successor || !stillListed)) {
            role = demote(new Decision.Demote(true, stillListed ? "stopping (SIGTERM): handing over to a secondary"
                    : "the SqlServer no longer lists " + config.availabilityGroup() + ": leaving it"), role);
        } else if (!primary && leadership.isHeldBy(name(), now)) {
            release();
        }
        lastReport = new ReplicaReport(ownId(), s.local().observed().mode(), role, s.local().observed().sequenceNumber(),
                s.local().observed().databases(), null, writeLeaseRenewedAt, leadershipReleased, s.local().observed().health(),
                promotionRefusedAt, clock.instant());
        attempt("publish the last report", () -> {
            io.configMap().publishReport(lastReport);
            return null;
        }, null);
        if (!stillListed) {
            attempt("remove the routing labels", () -> {
                labels.remove();
                return null;
            }, null);
        }
        LOG.infof("%s/%s: stopped%s", config.availabilityGroup(), name(), stillListed ? "" : " and left the availability group");
    }

    // ---- plumbing ----

    private interface Call<T> {
        T run() throws Exception;
    }

    private interface SqlCall {
        void run() throws SQLException, java.io.IOException;
    }

    private <T> T attempt(String what, Call<T> call, T fallback) {
        try {
            T value = call.run();
            return value;
        } catch (Exception e) {
            problem(what + ": " + rootMessage(e));
            return fallback;
        }
    }

    private boolean sql(String what, SqlCall call) {
        try {
            call.run();
            return true;
        } catch (SQLException | java.io.IOException e) {
            problem(what + ": " + e.getMessage());
            return false;
        }
    }

    /** Logs a problem once until a different one occurs. */
    private void problem(String text) {
        if (!text.equals(lastProblem)) {
            LOG.warnf("%s/%s: could not %s", config.availabilityGroup(), name(), text);
            lastProblem = text;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** For tests and the command: the resource as last listed. */
    Optional<SqlServer> ownResource() {
        return listing().flatMap(l -> l.resource(name()));
    }

    Duration monitorPeriod() {
        return config.timing().monitorPeriod();
    }
}
