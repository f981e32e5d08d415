package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.ha.ReplicaId;
import io.github.mssqlk8s.kube.AgMembers;
import io.github.mssqlk8s.kube.FailoverOutcomeEntry;
import java.sql.SQLException;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * How an agent calls out: every API or SQL call is attempted, and a failure is logged once per cause and never
 * thrown (a tick must not throw; a failed call is retried on a later tick). Also the two writes both execution
 * and reporting make: Events on the agent's own SqlServer and the outcome of a failover request.
 */
final class AgentCalls {

    private static final Logger LOG = Logger.getLogger(AgAgent.class);

    final AgAgentConfig config;
    final AgAgentAdapters io;
    /** Decisions, durations and every time this agent publishes about its replica (contract §6). */
    final MonotonicClock clock;
    /** The wall clock, for what other programs stamp or read as wall time: Lease records, requests, Events. */
    final Clock wall;
    final AgAgentMetrics metrics;
    final AgentMemory memory;
    /** Test-only stalls of the tick (TickPause); never set in production. */
    volatile TickPause pause = TickPause.NONE;
    private final FailoverOutcomes outcomes;
    private String lastProblem;

    AgentCalls(AgAgentConfig config, AgAgentAdapters io, Clock clock) {
        this.config = config;
        this.io = io;
        this.clock = new MonotonicClock(clock);
        this.wall = clock;
        this.metrics = new AgAgentMetrics(io.metrics(), config.availabilityGroup());
        this.memory = new AgentMemory(config.timing().leaseDuration(), config.timing().reportStaleAfter());
        this.outcomes = new FailoverOutcomes(io.configMap(), clock, config.requestTimeout());
    }

    String name() {
        return config.sqlServerName();
    }

    String ag() {
        return config.availabilityGroup();
    }

    ReplicaId ownId() {
        ReplicaId id = AgMembers.replicaId(name(), config.namespace());
        return new ReplicaId(id.sqlServerName(), id.replicaServerName(), id.podName(), memory.podIp, id.statefulSetName(),
                id.endpointHost());
    }

    interface Call<T> {
        T run() throws Exception;
    }

    interface Action {
        void run() throws Exception;
    }

    interface SqlCall {
        void run() throws SQLException, java.io.IOException;
    }

    <T> T attempt(String what, Call<T> call, T fallback) {
        try {
            return call.run();
        } catch (Exception e) {
            problem(what + ": " + rootMessage(e));
            return fallback;
        }
    }

    void attempt(String what, Action action) {
        attempt(what, () -> {
            action.run();
            return null;
        }, null);
    }

    boolean sql(String what, SqlCall call) {
        try {
            call.run();
            return true;
        } catch (SQLException | java.io.IOException e) {
            problem(what + ": " + e.getMessage());
            return false;
        }
    }

    /** Logs a problem once until a different one occurs. */
    void problem(String text) {
        if (!text.equals(lastProblem)) {
            LOG.warnf("%s/%s: could not %s", ag(), name(), text);
            lastProblem = text;
        }
    }

    void event(String type, String reason, String message) {
        if (memory.listing != null) {
            memory.listing.resource(name()).ifPresent(resource -> io.events().record(resource, type, reason, message));
        }
    }

    void outcome(FailoverOutcomeEntry.State state, String message) {
        attempt("write the failover outcome", () -> outcomes.forRequestInFlight(memory.shared, state, message));
    }

    void markTimedOutRequest(java.time.Instant now) {
        attempt("mark a timed-out failover request", () -> outcomes.markTimedOut(memory.shared, now));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
