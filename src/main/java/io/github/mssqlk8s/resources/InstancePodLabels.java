package io.github.mssqlk8s.resources;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Labels;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Labels the operator keeps on the running SQL Server pod rather than in its template, because a template change
 * restarts SQL Server (and fails over an AG whose primary it is): the SqlServer's own labels, which users' Services
 * and tools select on and which Helm or Argo CD change at will (contract §1), and the AG membership labels.
 */
public final class InstancePodLabels {

    /** Keys the template, the agents or the operator own; a SqlServer label of the same key is not copied. */
    private static final Set<String> NOT_COPIED = Set.of(Labels.TYPE, Labels.NAME, Labels.MANAGED_BY, Labels.INSTANCE,
            Labels.SQL_SERVER, Labels.COMPONENT, Labels.AVAILABILITY_GROUP_MEMBER);

    private InstancePodLabels() {
    }

    /**
     * A JSON merge patch of the pod's metadata (label key to value, or to null to remove), empty when the pod
     * already carries what it should. Labels the agents keep (role, mode) are never touched.
     */
    public static Map<String, Object> mergePatch(SqlServer sqlServer, ObjectMeta pod) {
        Map<String, String> current = pod.getLabels() == null ? Map.of() : pod.getLabels();
        Map<String, String> wanted = wanted(sqlServer);
        Map<String, String> labels = new LinkedHashMap<>();
        wanted.forEach((key, value) -> {
            if (!value.equals(current.get(key))) {
                labels.put(key, value);
            }
        });
        for (String key : current.keySet()) {
            boolean staleMember = Labels.availabilityGroupOfMemberLabel(key) != null
                    || Labels.AVAILABILITY_GROUP_MEMBER.equals(key);
            if ((staleMember || copiedBefore(pod).contains(key)) && !wanted.containsKey(key)) {
                labels.put(key, null);
            }
        }
        String copied = String.join(",", copiedKeys(sqlServer));
        boolean copiedChanged = !copied.equals(annotation(pod));
        if (labels.isEmpty() && !copiedChanged) {
            return Map.of();
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("labels", labels);
        metadata.put("annotations", Map.of(Labels.COPIED_LABELS_ANNOTATION, copied));
        return Map.of("metadata", metadata);
    }

    /** What the pod should carry besides its template's labels. */
    static Map<String, String> wanted(SqlServer sqlServer) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> own = sqlServer.getMetadata().getLabels() == null ? Map.of() : sqlServer.getMetadata().getLabels();
        copiedKeys(sqlServer).forEach(key -> labels.put(key, own.get(key)));
        List<AvailabilityGroupRef> groups = sqlServer.getSpec().getAvailabilityGroups();
        groups.stream().map(AvailabilityGroupRef::getName).filter(Objects::nonNull)
                .forEach(group -> labels.put(Labels.member(group), "true"));
        if (!groups.isEmpty()) {
            labels.put(Labels.AVAILABILITY_GROUP_MEMBER, "true");
        }
        return labels;
    }

    private static TreeSet<String> copiedKeys(SqlServer sqlServer) {
        TreeSet<String> keys = new TreeSet<>();
        Set<String> fromTemplate = sqlServer.getSpec().getSqlServerPod() == null ? Set.of()
                : sqlServer.getSpec().getSqlServerPod().getLabels().keySet();
        if (sqlServer.getMetadata().getLabels() != null) {
            sqlServer.getMetadata().getLabels().keySet().stream()
                    .filter(key -> !NOT_COPIED.contains(key) && !fromTemplate.contains(key)
                            && Labels.availabilityGroupOfLabel(key) == null)
                    .forEach(keys::add);
        }
        return keys;
    }

    private static Set<String> copiedBefore(ObjectMeta pod) {
        String value = annotation(pod);
        return value == null || value.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(value.split(",")));
    }

    private static String annotation(ObjectMeta pod) {
        return pod.getAnnotations() == null ? null : pod.getAnnotations().get(Labels.COPIED_LABELS_ANNOTATION);
    }
}
