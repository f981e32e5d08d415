package io.github.mssqlk8s.cli.kubectl;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.kube.AgConfigMap;
import io.github.mssqlk8s.kube.AgConfigMapState;
import io.github.mssqlk8s.kube.AgPods;
import io.github.mssqlk8s.naming.Names;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Everything {@code kubectl mssql status} shows of one AG, read once: the agents' ConfigMap, the member pods and
 * the AG's Lease (null when there is none).
 */
record AgStatus(String name, AgConfigMapState state, List<AgPods.MemberPod> pods, Lease lease) {

    /** The named AGs, or every AG the namespace's pods belong to (sorted). */
    static List<AgStatus> read(KubernetesClient client, String namespace, String onlyGroup) {
        AgPods pods = AgPods.list(client, namespace);
        List<String> groups = onlyGroup != null ? List.of(onlyGroup) : List.copyOf(new TreeSet<>(pods.availabilityGroups()));
        return groups.stream().map(group -> new AgStatus(group, new AgConfigMap(client, namespace, group).read(),
                pods.members(group), client.leases().inNamespace(namespace).withName(Names.availabilityGroupLease(group)).get()))
                .toList();
    }

    /** The pod of a replica, if the pods list has it. */
    Optional<AgPods.MemberPod> pod(String sqlServerName) {
        return pods.stream().filter(pod -> pod.sqlServerName().equals(sqlServerName)).findFirst();
    }

    /** Every replica name known from reports or pods, sorted. */
    List<String> replicaNames() {
        TreeSet<String> names = new TreeSet<>(state.reports().keySet());
        pods.forEach(pod -> names.add(pod.sqlServerName()));
        return List.copyOf(names);
    }
}
