package io.github.mssqlk8s.agent.ag;

import io.fabric8.kubernetes.api.model.Pod;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.kube.PodLabels;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import java.util.Optional;

/**
 * The routing labels of the agent's own pod (contract §2). A primary first takes {@code primary} off every other
 * pod and only then puts it on its own, so {@code <ag>-primary} never selects two pods; any other role is
 * {@code secondary}, and a replica not joined carries no role.
 */
final class RoutingLabels {

    private final PodLabels pods;
    private final String podName;

    RoutingLabels(PodLabels pods, String sqlServerName) {
        this.pods = pods;
        this.podName = Names.pod(sqlServerName);
    }

    /** Labels the pod for {@code role} and {@code mode} (manifest spelling); returns its IP when the pod exists. */
    Optional<String> apply(ReplicaRole role, String mode) {
        Optional<Pod> mine = pods.pod(podName);
        if (mine.isEmpty()) {
            return Optional.empty();
        }
        if (role == ReplicaRole.PRIMARY) {
            for (Pod other : pods.labelledPrimary()) {
                if (!other.getMetadata().getName().equals(podName)) {
                    pods.relabelRole(other.getMetadata().getName(), Labels.ROLE_SECONDARY);
                }
            }
            pods.label(mine.get(), Labels.ROLE_PRIMARY, mode);
        } else {
            pods.label(mine.get(), role == ReplicaRole.NOT_JOINED ? null : Labels.ROLE_SECONDARY, mode);
        }
        return Optional.ofNullable(mine.get().getStatus() == null ? null : mine.get().getStatus().getPodIP());
    }

    /** Leaving the AG: no role or mode label for it any more. */
    void remove() {
        pods.pod(podName).ifPresent(pod -> pods.label(pod, null, null));
    }
}
