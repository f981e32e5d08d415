package io.github.mssqlk8s.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.ha.AvailabilityMode;
import io.github.mssqlk8s.naming.Labels;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The SQL Server pods of a namespace as the failover Job sees them with a {@code pods list} permission only:
 * which AGs exist (from the role and member labels) and, per AG member, its pod's name, IP and role label.
 */
public final class AgPods {

    /**
     * One SQL Server pod of an AG.
     *
     * @param sqlServerName the SqlServer the pod runs (its {@code mssql.microsoft.com/sqlserver} label)
     * @param podName       the pod
     * @param podIp         its IP, null before it has one
     * @param role          its {@code role.ag.mssql.microsoft.com/<ag>} label, null when the agents set none
     * @param mode          its {@code mode.ag.mssql.microsoft.com/<ag>} label, null when unset
     */
    public record MemberPod(String sqlServerName, String podName, String podIp, String role, String mode) {
    }

    private final List<Pod> pods;

    private AgPods(List<Pod> pods) {
        this.pods = List.copyOf(pods);
    }

    /** Lists the SQL Server pods of {@code namespace} (one {@code pods list} request). */
    public static AgPods list(KubernetesClient client, String namespace) {
        return of(client.pods().inNamespace(namespace).withLabel(Labels.TYPE, Labels.TYPE_SQL_SERVER).list().getItems());
    }

    public static AgPods of(List<Pod> pods) {
        return new AgPods(pods);
    }

    /** Every AG some pod is a member of or has a role in, sorted. */
    public SortedSet<String> availabilityGroups() {
        SortedSet<String> groups = new TreeSet<>();
        for (Pod pod : pods) {
            for (String key : labels(pod).keySet()) {
                String group = Labels.availabilityGroupOfLabel(key);
                if (group != null) {
                    groups.add(group);
                }
            }
        }
        return groups;
    }

    /** The pods that are members of {@code availabilityGroup} or carry its role label, by SqlServer name. */
    public List<MemberPod> members(String availabilityGroup) {
        return pods.stream()
                .filter(pod -> labels(pod).containsKey(Labels.member(availabilityGroup))
                        || labels(pod).containsKey(Labels.role(availabilityGroup)))
                .map(pod -> new MemberPod(sqlServerName(pod), pod.getMetadata().getName(),
                        pod.getStatus() == null ? null : pod.getStatus().getPodIP(),
                        labels(pod).get(Labels.role(availabilityGroup)), labels(pod).get(Labels.mode(availabilityGroup))))
                .sorted(Comparator.comparing(MemberPod::sqlServerName))
                .toList();
    }

    /** The {@code mode.ag.mssql.microsoft.com/<ag>} spelling of a mode (the manifests' spelling, contract §2). */
    public static String modeLabel(AvailabilityMode mode) {
        return io.github.mssqlk8s.api.AvailabilityMode.valueOf(mode.name()).manifestName();
    }

    /** The mode a label names; synchronous commit, the default mode, for a missing or unknown label. */
    public static AvailabilityMode modeOfLabel(String label) {
        return Arrays.stream(io.github.mssqlk8s.api.AvailabilityMode.values())
                .filter(mode -> mode.manifestName().equals(label))
                .map(mode -> AvailabilityMode.valueOf(mode.name()))
                .findFirst().orElse(AvailabilityMode.SYNCHRONOUS_COMMIT);
    }

    private static String sqlServerName(Pod pod) {
        Map<String, String> labels = labels(pod);
        return Objects.requireNonNullElse(labels.get(Labels.SQL_SERVER),
                Objects.requireNonNullElse(labels.get(Labels.NAME), pod.getMetadata().getName()));
    }

    private static Map<String, String> labels(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }
}
