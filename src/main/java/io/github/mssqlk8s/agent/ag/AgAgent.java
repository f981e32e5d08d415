package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.ha.AgDecider;
import io.github.mssqlk8s.ha.AgSnapshot;
import io.github.mssqlk8s.ha.Decision;
import io.github.mssqlk8s.ha.ReplicaReport;
import io.github.mssqlk8s.ha.ReplicaRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One AG replica's agent. Every monitor period, {@link #tick()}: gather one {@link AgSnapshot}
 * ({@link SnapshotGathering}), let {@link AgDecider} decide, carry the decision out under the obligations of
 * {@link Decision} ({@link DecisionExecution}), then report ({@link TickReporting}).
 *
 * <p>Whatever the API server or SQL Server does, a tick never throws: a failed read leaves the last known value
 * (the Lease's renew time then ages, and the decider fences), a failed statement is logged and retried on a later
 * tick ({@link AgentCalls}).
 *
 * <p>On SIGTERM ({@link #leave()}): a primary with a secondary able to take over hands over at once (OFFLINE,
 * release the Lease, report the final write-lease renewal), so that a planned pod deletion fails over in about
 * a write-lease period instead of a Lease duration; a replica whose resource no longer lists the AG also drops
 * its routing labels.
 */
public class AgAgent {

    private static final Logger LOG = Logger.getLogger(AgAgent.class);

    private final AgentCalls calls;
    private final AgentMemory memory;
    private final SnapshotGathering gathering;
    private final DecisionExecution execution;
    private final TickReporting reporting;

    public AgAgent(AgAgentConfig config, AgAgentAdapters io, Clock clock) {
        this.calls = new AgentCalls(config, io, clock);
        this.memory = calls.memory;
        this.gathering = new SnapshotGathering(calls);
        this.execution = new DecisionExecution(calls);
        this.reporting = new TickReporting(calls);
    }

    public String name() {
        return calls.name();
    }

    /** For tests: stalls the tick at the given points, as a GC or CPU-throttle pause would. */
    public void pauseAt(TickPause pause) {
        calls.pause = pause;
    }

    /** One monitor period: gather, decide, execute, report. Never throws. */
    public Decision tick() {
        Instant now = calls.clock.instant();
        gathering.readApi();
        SnapshotGathering.Gathered tick = gathering.gather(now);
        calls.pause.at(TickPause.Point.AFTER_GATHER);
        Decision decision = AgDecider.decide(tick.snapshot(), now);
        calls.metrics.decided(decision);
        ReplicaRole roleAfter = execution.execute(decision, tick, now);
        calls.pause.at(TickPause.Point.BEFORE_REPORT);
        reporting.report(decision, tick, roleAfter, calls.clock.instant());
        return decision;
    }

    /**
     * Called once the loop stopped. Re-reads the resource: if it no longer lists the AG the replica leaves
     * (hands over when primary, drops its routing labels); if it does, a primary hands over when a secondary
     * can take over, so that a planned pod deletion fails over fast. Any other replica just lets its Lease go.
     */
    public void leave() {
        Instant now = calls.clock.instant();
        gathering.readApi();
        boolean stillListed = memory.listing == null || memory.listing.lists(name());
        AgSnapshot s = gathering.gather(now).snapshot();
        boolean primary = s.local().role() == ReplicaRole.PRIMARY;
        // only a synchronized secondary can take over: an unsynchronized one would be refused FAILOVER (41142)
        boolean successor = AgDecider.synchronizedSuccessor(s, now).isPresent();
        ReplicaRole role = s.local().role();
        if (primary && (successor || !stillListed)) {
            role = execution.demote(new Decision.Demote(true, stillListed ? "stopping (SIGTERM): handing over to a secondary"
                    : "the SqlServer no longer lists " + calls.ag() + ": leaving it"), role);
        } else if (!primary && memory.leadership().isHeldBy(name(), now)) {
            execution.release();
        }
        ReplicaReport observed = s.local().observed();
        reporting.publishReport(new ReplicaReport(calls.ownId(), observed.mode(), role, observed.sequenceNumber(),
                observed.databases(), null, memory.writeLeaseRenewedAt, memory.leadershipReleased, observed.health(),
                memory.promotionRefusedAt, calls.clock.instant()));
        if (!stillListed) {
            reporting.removeLabels();
        }
        LOG.infof("%s/%s: stopped%s", calls.ag(), name(), stillListed ? "" : " and left the availability group");
    }

    /** For tests and the command: the resource as last listed. */
    Optional<SqlServer> ownResource() {
        return Optional.ofNullable(memory.listing).flatMap(l -> l.resource(name()));
    }

    Duration monitorPeriod() {
        return calls.config.timing().monitorPeriod();
    }
}
