package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.ha.FailoverRequestResolver;
import io.github.mssqlk8s.ha.RolloutInstance;
import io.github.mssqlk8s.ha.RolloutPlanner;
import io.github.mssqlk8s.ha.RolloutStep;
import io.github.mssqlk8s.kube.EventRecorder;
import io.github.mssqlk8s.kube.FailoverRequestWriter;
import io.github.mssqlk8s.naming.Names;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Carries out the rollout of pod template changes across all SqlServers of a namespace (contract §1), one step
 * at a time: the StatefulSets roll {@code OnDelete}, so a pod restarts only when this class deletes it, and only
 * the pod {@link RolloutPlanner} names; a switchover is asked of the agents through the failover request every
 * other requester uses ({@link FailoverRequestWriter}), never forced. Every reconcile of any SqlServer of the
 * namespace may call {@link #step}; the namespace's steps are serialized, and each looks at the cluster afresh.
 */
public final class Rollouts {

    /** Who the failover requests of the rollout name as their requester. */
    static final String REQUESTER = "mssql-operator-rollout";
    private static final Logger LOG = Logger.getLogger(Rollouts.class);
    /** Pods the rollout deleted; the condition RolloutPaused counts those of the current rollout. */
    public static final String RESTARTS = "mssql_rollout_restarts";
    /** Planned switchovers the rollout requested. */
    public static final String SWITCHOVERS = "mssql_rollout_switchovers";

    /**
     * What one call did: the planner's step, and the restarts and switchovers of the rollout so far.
     * {@code rolling} is true while some instance runs an outdated pod or the last step has not settled.
     */
    public record Progress(RolloutStep step, boolean rolling, long restarts, long switchovers) {
    }

    private final KubernetesClient client;
    private final Clock clock;
    private final Duration settleBound;
    private final Duration reportStaleAfter;
    private final EventRecorder events;
    private final MeterRegistry metrics;
    private final RolloutGathering gathering;
    private final Map<String, RolloutMemory> memories = new ConcurrentHashMap<>();
    private final Map<String, Progress> latest = new ConcurrentHashMap<>();

    /**
     * @param settleBound      how long a member may take to come back caught up before the rollout pauses
     * @param reportStaleAfter how old an agent's report may be for the switchover target (the failover Job's window)
     * @param metrics          where the counters {@value #RESTARTS} and {@value #SWITCHOVERS} go (per namespace)
     */
    public Rollouts(KubernetesClient client, Clock clock, Duration settleBound, Duration reportStaleAfter, EventRecorder events,
                    MeterRegistry metrics) {
        this.metrics = metrics;
        this.client = client;
        this.clock = clock;
        this.settleBound = settleBound;
        this.reportStaleAfter = reportStaleAfter;
        this.events = events;
        this.gathering = new RolloutGathering(client);
    }

    /** Looks at the namespace, and carries out at most one step: a pod deleted or a switchover requested. */
    public Progress step(String namespace, List<SqlServer> resources) {
        RolloutMemory memory = memories.computeIfAbsent(namespace, ns -> new RolloutMemory(clock));
        synchronized (memory) {
            RolloutGathering.Gathered gathered = gathering.gather(namespace, resources, memory, settleBound);
            RolloutStep step = gathered.snapshot() == null ? new RolloutStep.Wait(gathered.notYet())
                    : RolloutPlanner.next(gathered.snapshot(), clock.instant());
            boolean rolling = memory.lastStepAt() != null || gathered.snapshot() != null
                    && gathered.snapshot().instances().stream().anyMatch(RolloutInstance::outdated);
            step = carryOut(namespace, resources, step, memory);
            Progress progress = new Progress(step, rolling || memory.lastStepAt() != null, memory.restarts(),
                    memory.switchovers());
            if (step instanceof RolloutStep.Done) {
                memory.done();
            }
            latest.put(namespace, progress);
            return progress;
        }
    }

    /** The last step taken or seen in {@code namespace}, empty before the first. */
    public Optional<Progress> latest(String namespace) {
        return Optional.ofNullable(latest.get(namespace));
    }

    private RolloutStep carryOut(String namespace, List<SqlServer> resources, RolloutStep step, RolloutMemory memory) {
        if (step instanceof RolloutStep.Restart restart) {
            LOG.infof("rollout in %s: %s", namespace, restart.reason());
            client.pods().inNamespace(namespace).withName(Names.pod(restart.instance())).delete();
            memory.restarted();
            metrics.counter(RESTARTS, "namespace", namespace).increment();
            resource(resources, restart.instance()).ifPresent(r -> events.record(r, EventRecorder.NORMAL, "RolloutRestart",
                    "Deleted pod " + Names.pod(restart.instance()) + " to " + restart.reason() + "."));
            return step;
        }
        if (step instanceof RolloutStep.Switchover switchover) {
            try {
                new FailoverRequestWriter(client, namespace, clock, reportStaleAfter)
                        .submit(switchover.ag(), switchover.target(), REQUESTER, FailoverRequestWriter.AS_STAMPED,
                                (replicas, inFlight, now) -> FailoverRequestResolver.resolve(switchover.target(), false,
                                        replicas.reports(), replicas.membership(), inFlight, now, reportStaleAfter));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return new RolloutStep.Wait("interrupted before the planned switchover of " + switchover.ag() + " was requested");
            } catch (FailoverRequestWriter.Refused refused) {
                return new RolloutStep.Wait("the planned switchover of " + switchover.ag() + " to "
                        + switchover.target() + " was not requested: " + refused.getMessage());
            }
            LOG.infof("rollout in %s: %s", namespace, switchover.reason());
            memory.switchedOver();
            metrics.counter(SWITCHOVERS, "namespace", namespace).increment();
            resource(resources, switchover.target()).ifPresent(r -> events.record(r, EventRecorder.NORMAL,
                    "RolloutSwitchover", "Requested a planned switchover of " + switchover.ag() + " to "
                            + switchover.target() + ": " + switchover.reason() + "."));
        }
        return step;
    }

    private static Optional<SqlServer> resource(List<SqlServer> resources, String name) {
        return resources.stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
    }
}
