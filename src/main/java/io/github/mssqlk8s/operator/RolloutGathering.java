package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.ha.AvailabilityMode;
import io.github.mssqlk8s.ha.CommitDurability;
import io.github.mssqlk8s.ha.ReplicaReport;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.ha.RolloutAg;
import io.github.mssqlk8s.ha.RolloutInstance;
import io.github.mssqlk8s.ha.RolloutMember;
import io.github.mssqlk8s.ha.RolloutSnapshot;
import io.github.mssqlk8s.ha.SynchronizationState;
import io.github.mssqlk8s.kube.AgConfigMap;
import io.github.mssqlk8s.kube.AgConfigMapState;
import io.github.mssqlk8s.kube.AgMembers;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads what the rollout planner needs about one namespace (contract §1): per SqlServer its StatefulSet's update
 * revision and its pod's revision and readiness; per AG the pods' role labels and the agents' reports in the AG's
 * ConfigMap. A member counts as caught up only on a report published after its current pod was first seen (the
 * report a restarted member left behind says SYNCHRONIZED until its new agent publishes), which needs no
 * comparison of times taken on different pods: only whether the report changed.
 */
final class RolloutGathering {

    /** The label a StatefulSet controller puts on its pods: the revision of the template the pod was made from. */
    static final String REVISION_LABEL = "controller-revision-hash";

    /** What the gathering saw: a snapshot, or why there is none yet (a StatefulSet still taking its template). */
    record Gathered(RolloutSnapshot snapshot, String notYet) {
    }

    private final KubernetesClient client;

    RolloutGathering(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    Gathered gather(String namespace, List<SqlServer> resources, RolloutMemory memory, Duration settleBound) {
        List<RolloutInstance> instances = new ArrayList<>();
        Map<String, Pod> pods = new LinkedHashMap<>();
        List<SqlServer> rolled = resources.stream()
                .filter(r -> r.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing(r -> r.getMetadata().getName()))
                .toList();
        List<SqlServer> included = new ArrayList<>();
        for (SqlServer resource : rolled) {
            StatefulSet statefulSet = client.apps().statefulSets().inNamespace(namespace)
                    .withName(Names.statefulSet(resource)).get();
            if (statefulSet == null) {
                continue; // not created yet: nothing to roll
            }
            String desired = statefulSet.getStatus() == null ? null : statefulSet.getStatus().getUpdateRevision();
            Long observed = statefulSet.getStatus() == null ? null : statefulSet.getStatus().getObservedGeneration();
            Long generation = statefulSet.getMetadata().getGeneration();
            if (desired == null || observed == null || generation != null && observed < generation) {
                return new Gathered(null, "the StatefulSet " + statefulSet.getMetadata().getName()
                        + " has not taken its latest template yet");
            }
            Pod pod = client.pods().inNamespace(namespace).withName(Names.pod(resource)).get();
            if (pod != null && pod.getMetadata().getDeletionTimestamp() != null) {
                pod = null; // going: the StatefulSet recreates it from the desired revision
            }
            String name = resource.getMetadata().getName();
            String current = pod == null ? null : labels(pod).getOrDefault(REVISION_LABEL, desired);
            instances.add(new RolloutInstance(name, pod != null && StatusReport.isReady(pod), current, desired, null));
            pods.put(name, pod);
            included.add(resource);
        }
        Map<String, List<SqlServer>> byAg = new TreeMap<>();
        for (SqlServer resource : included) {
            for (AvailabilityGroupRef ref : resource.getSpec().getAvailabilityGroups()) {
                if (ref.getName() != null) {
                    byAg.computeIfAbsent(ref.getName(), ag -> new ArrayList<>()).add(resource);
                }
            }
        }
        List<RolloutAg> ags = new ArrayList<>();
        Instant now = memory.clock().instant();
        byAg.forEach((ag, members) -> ags.add(ag(namespace, ag, members, pods, memory, now)));
        memory.forgetAllBut(pods);
        return new Gathered(new RolloutSnapshot(instances, ags, memory.lastStepAt(), settleBound), null);
    }

    private RolloutAg ag(String namespace, String ag, List<SqlServer> resources, Map<String, Pod> pods,
            RolloutMemory memory, Instant now) {
        AgConfigMapState state = new AgConfigMap(client, namespace, ag).read();
        List<RolloutMember> members = new ArrayList<>();
        int synchronous = 0;
        for (SqlServer resource : resources) {
            String name = resource.getMetadata().getName();
            AvailabilityMode mode = resource.getSpec().getAvailabilityGroups().stream()
                    .filter(ref -> ag.equals(ref.getName())).findFirst()
                    .map(ref -> AgMembers.mode(ref.effectiveMode())).orElseThrow();
            synchronous += mode == AvailabilityMode.SYNCHRONOUS_COMMIT ? 1 : 0;
            Pod pod = pods.get(name);
            ReplicaRole role = pod == null ? ReplicaRole.UNKNOWN : role(labels(pod).get(Labels.role(ag)));
            ReplicaReport report = state.reports().get(name);
            boolean sinceThisPod = pod != null && memory.publishedSincePodSeen(name, pod.getMetadata().getUid(), ag,
                    report == null ? null : report.publishedAt());
            boolean caughtUp = role == ReplicaRole.PRIMARY || sinceThisPod && caughtUp(mode, report);
            members.add(new RolloutMember(name, mode, role, caughtUp));
        }
        boolean requested = state.requestInFlight(now, AgConfigMap.DEFAULT_REQUEST_TIMEOUT).isPresent();
        return new RolloutAg(ag, CommitDurability.requiredSynchronizedSecondaries(synchronous, null), members, requested);
    }

    /** As healthy as the mode allows (see {@link RolloutMember#caughtUp()}). */
    private static boolean caughtUp(AvailabilityMode mode, ReplicaReport report) {
        if (report == null || report.role() != ReplicaRole.SECONDARY) {
            return false;
        }
        return switch (mode) {
            case SYNCHRONOUS_COMMIT -> report.isSynchronized();
            case ASYNCHRONOUS_COMMIT -> !report.databases().isEmpty() && report.databases().values().stream()
                    .allMatch(s -> s == SynchronizationState.SYNCHRONIZED || s == SynchronizationState.SYNCHRONIZING);
            case CONFIGURATION_ONLY -> true;
        };
    }

    private static ReplicaRole role(String label) {
        if (Labels.ROLE_PRIMARY.equals(label)) {
            return ReplicaRole.PRIMARY;
        }
        return Labels.ROLE_SECONDARY.equals(label) ? ReplicaRole.SECONDARY : ReplicaRole.UNKNOWN;
    }

    private static Map<String, String> labels(Pod pod) {
        return pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    }
}
