package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for snapshots in tests: defaults describe a healthy synchronized secondary at T0. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final HealthVerdict HEALTHY = HealthVerdict.healthy("healthy: test");
    /** The contract defaults but a 2 s write-lease margin, the figure the tables' arithmetic is written with. */
    static final TimingSettings TIMING = withMargin(TimingSettings.defaults(), java.time.Duration.ofSeconds(2));

    static TimingSettings withMargin(TimingSettings t, java.time.Duration margin) {
        return new TimingSettings(t.leaseDuration(), t.renewDeadline(), t.retryPeriod(), t.monitorPeriod(),
                t.writeLeaseValidity(), t.commitStuckTimeout(), t.transientDbTimeout(), t.reportStaleAfter(), margin);
    }

    private Fixtures() {
    }

    static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    /** mssql1 → pod mssql1-0, IP 10.0.0.1, StatefulSet mssql1, server mssql1-0, host mssql1-0.mssql1.ns.svc */
    static ReplicaId id(String name) {
        String digit = name.replaceAll("\\D", "");
        return new ReplicaId(name, name + "-0", name + "-0", "10.0.0." + (digit.isEmpty() ? "9" : digit), name,
                name + "-0." + name + ".ns.svc");
    }

    static Report report(String name) {
        return new Report(name);
    }

    static Member member(String name, AvailabilityMode mode) {
        return new Member(id(name), mode);
    }

    /** A fluent report builder. */
    static final class Report {
        private final String name;
        private ReplicaId id;
        private AvailabilityMode mode = AvailabilityMode.SYNCHRONOUS_COMMIT;
        private ReplicaRole role = ReplicaRole.SECONDARY;
        private Long sequence = 42L;
        private Map<String, SynchronizationState> databases = Map.of("db1", SynchronizationState.SYNCHRONIZED);
        private Instant writeLeaseRenewedAt;
        private boolean released;
        private HealthVerdict health = HEALTHY;
        private Instant promotionRefusedAt;
        private Instant reportedAt = T0;

        private Report(String name) {
            this.name = name;
        }

        Report id(ReplicaId i) { this.id = i; return this; }
        Report mode(AvailabilityMode m) { this.mode = m; return this; }
        Report async() { return mode(AvailabilityMode.ASYNCHRONOUS_COMMIT); }
        Report configOnly() { this.databases = Map.of(); return mode(AvailabilityMode.CONFIGURATION_ONLY); }
        Report role(ReplicaRole r) { this.role = r; return this; }
        Report primary() { return role(ReplicaRole.PRIMARY); }
        Report resolving() { return role(ReplicaRole.RESOLVING); }
        Report notJoined() { this.sequence = null; this.databases = Map.of(); return role(ReplicaRole.NOT_JOINED); }
        Report seq(Long s) { this.sequence = s; return this; }
        Report db(String db, SynchronizationState state) {
            Map<String, SynchronizationState> copy = new LinkedHashMap<>(databases);
            copy.put(db, state);
            this.databases = copy;
            return this;
        }
        Report renewedWriteLeaseAt(Instant t) { this.writeLeaseRenewedAt = t; return this; }
        Report released() { this.released = true; return this; }
        Report health(HealthVerdict h) { this.health = h; return this; }
        Report failed() { return health(HealthVerdict.failed(FailureCondition.SYSTEM_ERROR, "failed: system error")); }
        Report promotionRefusedAt(Instant t) { this.promotionRefusedAt = t; return this; }
        Report at(Instant t) { this.reportedAt = t; return this; }

        ReplicaReport build() {
            return new ReplicaReport(id != null ? id : Fixtures.id(name), mode, role, sequence, databases,
                    role == ReplicaRole.PRIMARY ? Duration.ofSeconds(5) : null, writeLeaseRenewedAt, released, health,
                    promotionRefusedAt, reportedAt);
        }
    }

    static Snapshot snapshot(Report local) {
        return new Snapshot(local);
    }

    /** A fluent snapshot builder; membership defaults to every report's replica with its reported mode. */
    static final class Snapshot {
        private final Report local;
        private final List<Report> peers = new ArrayList<>();
        private List<Member> membership;
        private LeadershipView leadership = LeadershipView.vacant(TIMING.leaseDuration());
        private ManualFailoverRequest request;
        private List<ConfiguredReplica> configured = List.of();
        private Integer currentRsstc;
        private DatabaseHealthVerdict databaseHealth = DatabaseHealthVerdict.healthy();
        private Instant commitPendingSince;
        private Integer rsstcOverride;
        private Instant sqlUnreachableSince;

        private Snapshot(Report local) {
            this.local = local;
        }

        Snapshot peers(Report... reports) { peers.addAll(List.of(reports)); return this; }
        Snapshot membership(Member... members) { this.membership = List.of(members); return this; }
        Snapshot leader(String holder, Instant acquired, Instant renewed) {
            return leadership(new LeadershipView(holder, acquired, renewed, TIMING.leaseDuration(), null));
        }
        Snapshot leadership(LeadershipView l) { this.leadership = l; return this; }
        Snapshot request(String target, boolean forced) {
            this.request = new ManualFailoverRequest(target, forced, T0);
            return this;
        }
        Snapshot configured(ConfiguredReplica... replicas) { this.configured = List.of(replicas); return this; }
        Snapshot currentRsstc(Integer n) { this.currentRsstc = n; return this; }
        Snapshot databaseHealth(DatabaseHealthVerdict v) { this.databaseHealth = v; return this; }
        Snapshot commitPendingSince(Instant t) { this.commitPendingSince = t; return this; }
        Snapshot rsstcOverride(Integer n) { this.rsstcOverride = n; return this; }
        Snapshot sqlUnreachableSince(Instant t) { this.sqlUnreachableSince = t; return this; }

        AgSnapshot build() {
            ReplicaReport self = local.build();
            List<ReplicaReport> others = peers.stream().map(Report::build).toList();
            List<Member> members = membership;
            if (members == null) {
                List<Member> derived = new ArrayList<>();
                derived.add(new Member(self.id(), self.mode()));
                others.forEach(o -> derived.add(new Member(o.id(), o.mode())));
                members = derived;
            }
            LocalReplica localReplica = new LocalReplica(self, configured, currentRsstc, databaseHealth, commitPendingSince,
                    sqlUnreachableSince);
            return new AgSnapshot("ag1", localReplica, leadership, members, others, request, TIMING, rsstcOverride);
        }
    }
}
