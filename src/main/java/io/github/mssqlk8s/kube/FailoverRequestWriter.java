package io.github.mssqlk8s.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.mssqlk8s.ha.FailoverResolution;
import io.github.mssqlk8s.ha.ManualFailoverRequest;
import io.github.mssqlk8s.ha.ReplicaReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes a failover request into the AG's ConfigMap, the one path by which anything asks the agents for a
 * switchover: the failover Job, {@code kubectl mssql failover} and the operator's rollout (its planned
 * switchovers). The caller's {@link TargetChooser} resolves the target from the agents' reports (an adapter holds
 * no rule: the callers pass {@code ha.FailoverRequestResolver}), refuses while
 * another request is in flight, and writes with get + update only (the Job's Role).
 */
public final class FailoverRequestWriter {

    /** Why no request was written, as the one line a Job prints: the step and the reason. */
    public static final class Refused extends Exception {
        public Refused(String line) {
            super(line, null, false, false);
        }
    }

    /**
     * A written request.
     *
     * @param entry        what was written
     * @param targetReason why that target ({@link FailoverResolution#reason()})
     * @param target       the target's report
     * @param oldPrimary   the fresh primary's report when it was written; null when no primary was reporting
     */
    public record Written(FailoverRequestEntry entry, String targetReason, ReplicaReport target, ReplicaReport oldPrimary) {
    }

    /** The agents' reports as the caller judges them, with the ConfigMap state they were read from. */
    public record Reports(AgConfigMapState state, Collection<ReplicaReport> reports) {
    }

    /**
     * How the caller reads the reports. The failover Job watches them change on its own clock (contract §6), so a
     * report counts as fresh by what it saw, not by the agent's stamp.
     */
    @FunctionalInterface
    public interface ReportsReader {
        Reports read(AgConfigMap configMap) throws Refused, InterruptedException;
    }

    /**
     * One read, reports judged by their own {@code reportedAt}: a comparison with another pod's clock, so used only
     * where the caller has already judged freshness on its own clock (the operator's rollout: its gathering counts a
     * report only once it saw it change) and the stamp can only add a refusal.
     */
    public static final ReportsReader AS_STAMPED = configMap -> {
        AgConfigMapState state = call("read ConfigMap " + configMap.name(), configMap::read);
        return new Reports(state, state.reports().values());
    };

    /** The decision: the target among the AG's replicas, or why none, given a request in flight (or null). */
    @FunctionalInterface
    public interface TargetChooser {
        FailoverResolution choose(AgReplicas replicas, ManualFailoverRequest inFlight, Instant now);
    }

    private final KubernetesClient client;
    private final String namespace;
    private final Clock clock;
    private final Duration reportStaleAfter;

    public FailoverRequestWriter(KubernetesClient client, String namespace, Clock clock, Duration reportStaleAfter) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reportStaleAfter = Objects.requireNonNull(reportStaleAfter, "reportStaleAfter");
    }

    /**
     * Asks the agents of {@code group} to fail over to the target {@code chooser} resolves; {@code requestedTarget} (a
     * name, a pod, an IP, {@code !name}, or null for the best synchronized secondary) is recorded as asked.
     */
    public Written submit(String group, String requestedTarget, String requestedBy, ReportsReader reader,
            TargetChooser chooser) throws Refused, InterruptedException {
        Duration requestTimeout = AgConfigMap.DEFAULT_REQUEST_TIMEOUT;
        AgConfigMap configMap = new AgConfigMap(client, namespace, group);
        Reports observed = reader.read(configMap);
        AgConfigMapState state = observed.state();
        if (!state.exists()) {
            throw new Refused("read ConfigMap: ConfigMap " + configMap.name() + " not found in namespace " + namespace
                    + ": no agents of availability group " + group + " have reported; check the AG name");
        }
        AgPods pods = call("list pods", () -> AgPods.list(client, namespace));
        Instant now = clock.instant();
        AgReplicas replicas = AgReplicas.of(observed.reports(), pods.members(group));
        ManualFailoverRequest inFlight = state.manualRequest(now, requestTimeout).orElse(null);
        FailoverResolution resolution = chooser.choose(replicas, inFlight, now);
        if (!(resolution instanceof FailoverResolution.Resolved resolved)) {
            throw new Refused("refused: " + resolution.reason());
        }
        String target = resolved.target().name();
        ReplicaReport oldPrimary = replicas.freshPrimary(now, reportStaleAfter).orElse(null);
        FailoverRequestEntry entry = new FailoverRequestEntry(UUID.randomUUID().toString(),
                requestedTarget == null ? "" : requestedTarget, target, resolved.forced(), clock.instant(), requestedBy);
        AgConfigMap.Submission submission = call("write request",
                () -> configMap.submitRequest(entry, entry.requestedAt(), requestTimeout));
        if (!submission.submitted()) {
            throw new Refused("refused: " + submission.refusal());
        }
        return new Written(entry, resolved.reason(), replicas.report(target).orElseThrow(), oldPrimary);
    }

    /** One API call. */
    public interface ApiCall<T> {
        T call();
    }

    /** One API step; a failure becomes the step's one line (403 says which permission is missing). */
    public static <T> T call(String step, ApiCall<T> apiCall) throws Refused {
        try {
            return apiCall.call();
        } catch (KubernetesClientException failed) {
            throw new Refused(step + ": " + (failed.getCode() > 0 ? "the API server answered " + failed.getCode() + ": " : "")
                    + ClusterConnection.rootMessage(failed));
        }
    }
}
