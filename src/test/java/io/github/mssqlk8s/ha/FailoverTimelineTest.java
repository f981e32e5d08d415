package io.github.mssqlk8s.ha;

import static io.github.mssqlk8s.ha.Fixtures.at;
import static io.github.mssqlk8s.ha.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Three agents ticking once a second over a shared Lease, each executing what {@link AgDecider} says.
 * The world is a minimal stand-in (no SQL, no Kubernetes); what is checked is the decision core across
 * ticks: never two writable primaries, and how long a failover takes.
 */
class FailoverTimelineTest {

    private static final TimingSettings TIMING = TimingSettings.defaults();

    /** One replica: its SQL Server and its agent. */
    private static final class Node {
        final String name;
        boolean agentAlive = true;
        boolean sqlUp = true;
        ReplicaRole role = ReplicaRole.SECONDARY;
        long sequence = 42;
        Instant writeLeaseUntil;
        Instant writeLeaseRenewedAt;
        boolean released;
        ReplicaReport lastReport;

        Node(String name) {
            this.name = name;
        }

        boolean writableAt(Instant t) {
            return sqlUp && role == ReplicaRole.PRIMARY && writeLeaseUntil != null && writeLeaseUntil.isAfter(t);
        }

        ReplicaReport observe(Instant t) {
            return new ReplicaReport(id(name), AvailabilityMode.SYNCHRONOUS_COMMIT, sqlUp ? role : ReplicaRole.UNKNOWN,
                    sqlUp ? sequence : null, sqlUp ? Map.of("db1", SynchronizationState.SYNCHRONIZED) : Map.of(),
                    null, writeLeaseRenewedAt, released,
                    sqlUp ? Fixtures.HEALTHY : new HealthVerdict(HealthStatus.STARTING, FailureCondition.DOWN, "restarting"),
                    null, t);
        }
    }

    /** The shared world: nodes and the Lease. */
    private static final class World {
        final Map<String, Node> nodes = new LinkedHashMap<>();
        String holder;
        Instant acquired;
        Instant renewed;
        Instant previousRenewed;
        ManualFailoverRequest request;
        final List<String> log = new ArrayList<>();
        int maxWritable;

        World(String... names) {
            for (String n : names) {
                nodes.put(n, new Node(n));
            }
        }

        LeadershipView lease() {
            return new LeadershipView(holder, acquired, renewed, TIMING.leaseDuration(), previousRenewed);
        }

        boolean leaseHeldAt(Instant t) {
            return lease().isHeld(t);
        }

        void tick(Instant t) {
            for (Node node : nodes.values()) {
                if (!node.agentAlive) {
                    continue;
                }
                ReplicaReport self = node.observe(t);
                List<ReplicaReport> peers = nodes.values().stream()
                        .filter(o -> o != node && o.lastReport != null).map(o -> o.lastReport).toList();
                List<Member> membership = nodes.values().stream()
                        .map(o -> new Member(id(o.name), AvailabilityMode.SYNCHRONOUS_COMMIT)).toList();
                AgSnapshot snapshot = new AgSnapshot("ag1",
                        new LocalReplica(self, List.of(), null, DatabaseHealthVerdict.healthy(), null),
                        lease(), membership, peers, request, TIMING, null);
                Decision decision = AgDecider.decide(snapshot, t);
                apply(node, decision, t);
                node.lastReport = node.observe(t);
                if (!(decision instanceof Decision.NoAction) && !(decision instanceof Decision.HoldPrimary)) {
                    log.add(t + " " + node.name + ": " + decision);
                }
            }
            int writable = (int) nodes.values().stream().filter(n -> n.writableAt(t)).count();
            maxWritable = Math.max(maxWritable, writable);
        }

        private void apply(Node node, Decision decision, Instant t) {
            if (decision.renewsWriteLease()) {
                renewBoth(node, t);
            } else if (decision instanceof Decision.AcquireLeadership) {
                if (!leaseHeldAt(t)) {
                    previousRenewed = renewed;
                    holder = node.name;
                    acquired = t;
                    renewed = t;
                    node.released = false;
                }
            } else if (decision instanceof Decision.Promote) {
                if (node.sqlUp) {
                    node.role = ReplicaRole.PRIMARY;
                    node.sequence++;
                    request = null;
                }
            } else if (decision instanceof Decision.Demote demote) {
                if (node.sqlUp) {
                    node.role = ReplicaRole.RESOLVING;
                }
                if (demote.releaseLeadership() && node.name.equals(holder)) {
                    holder = null;
                    node.released = true;
                }
            } else if (decision instanceof Decision.ReleaseLeadership) {
                if (node.name.equals(holder)) {
                    holder = null;
                }
            } else if (decision instanceof Decision.SetSecondary setSecondary) {
                node.role = ReplicaRole.SECONDARY;
                node.sequence = nodes.get(setSecondary.primary()).sequence;
                node.released = false;
            } else if (node.name.equals(holder) && leaseHeldAt(t)) {
                renewed = t; // Wait, NoAction, ...: a holder's leader elector keeps renewing the Lease
            }
        }

        private void renewBoth(Node node, Instant t) {
            if (node.name.equals(holder) && leaseHeldAt(t)) {
                renewed = t;
                node.writeLeaseUntil = t.plus(TIMING.writeLeaseValidity());
                node.writeLeaseRenewedAt = t;
            }
        }

        /** Runs ticks from {@code from} to {@code to} seconds, with {@code event} applied at {@code eventAt}. */
        void run(int from, int to, int eventAt, Consumer<World> event) {
            for (int s = from; s <= to; s++) {
                if (s == eventAt) {
                    event.accept(this);
                }
                tick(at(s));
            }
        }

        /** The first second at which {@code name} is a writable primary, or -1. */
        String primary() {
            return nodes.values().stream().filter(n -> n.role == ReplicaRole.PRIMARY && n.sqlUp && n.agentAlive)
                    .map(n -> n.name).findFirst().orElse(null);
        }
    }

    /** mssql1 is primary and leader, all three in step, at second 0. */
    private static World steadyState() {
        World w = new World("mssql1", "mssql2", "mssql3");
        Node first = w.nodes.get("mssql1");
        first.role = ReplicaRole.PRIMARY;
        w.holder = "mssql1";
        w.acquired = at(-100);
        w.renewed = at(-1);
        return w;
    }

    private static int firstSecondWithNewPrimary(World w, int from, int to, String oldPrimary) {
        for (int s = from; s <= to; s++) {
            w.tick(at(s));
            String p = w.primary();
            if (p != null && !p.equals(oldPrimary)) {
                return s;
            }
        }
        return -1;
    }

    @Test
    void primaryPodLost_anotherSynchronousReplicaTakesOverWithoutTwoWritablePrimaries() {
        World w = steadyState();
        w.run(0, 4, -1, x -> { });
        Node lost = w.nodes.get("mssql1");
        lost.agentAlive = false; // pod gone: no reports, no renewals; its SQL keeps the role until its write lease ends

        int promotedAt = firstSecondWithNewPrimary(w, 5, 40, "mssql1");

        assertThat(w.maxWritable).as(String.join("\n", w.log)).isLessThanOrEqualTo(1);
        // the Lease runs out 10 s after the last renewal at 4 s; its write lease by 4 + 1 monitor + 7 + 5 margin = 17 s
        assertThat(promotedAt).as(String.join("\n", w.log)).isBetween(17, 19);
        assertThat(w.primary()).isEqualTo("mssql2");
    }

    @Test
    void plannedFailover_isQuickBecauseTheOldPrimaryReportsItsDemotion() {
        World w = steadyState();
        w.run(0, 4, -1, x -> { });
        w.request = new ManualFailoverRequest("mssql3", false, at(5));

        int promotedAt = firstSecondWithNewPrimary(w, 5, 40, "mssql1");

        assertThat(w.maxWritable).as(String.join("\n", w.log)).isLessThanOrEqualTo(1);
        assertThat(promotedAt).as(String.join("\n", w.log)).isBetween(5, 8);
        assertThat(w.primary()).isEqualTo("mssql3");
        // the old primary comes back as a secondary of the new one
        w.run(promotedAt + 1, promotedAt + 3, -1, x -> { });
        assertThat(w.nodes.get("mssql1").role).isEqualTo(ReplicaRole.SECONDARY);
    }

    @Test
    void sqlCrashWithLiveAgent_leadershipIsReleasedAtOnceAndTheWriteLeaseBoundsTheWait() {
        World w = steadyState();
        w.run(0, 4, -1, x -> { });
        w.nodes.get("mssql1").sqlUp = false; // the container restarts; the agent lives on

        int promotedAt = firstSecondWithNewPrimary(w, 5, 40, "mssql1");

        assertThat(w.maxWritable).as(String.join("\n", w.log)).isLessThanOrEqualTo(1);
        // last write-lease renewal at 4 s: 4 + 7 validity + 5 margin = 16 s, before the Lease would let anyone in
        assertThat(promotedAt).as(String.join("\n", w.log)).isBetween(16, 17);
        assertThat(w.log).anyMatch(l -> l.contains("mssql1") && l.contains("SQL Server restarted"));
    }
}
