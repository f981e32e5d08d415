package io.github.mssqlk8s.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.github.mssqlk8s.naming.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routing labels of SQL Server pods for one AG (contract §2): {@code role.ag…/<ag>} and {@code mode.ag…/<ag>},
 * written with patches that touch nothing else.
 */
public class PodLabels {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final String namespace;
    private final String availabilityGroup;

    public PodLabels(KubernetesClient client, String namespace, String availabilityGroup) {
        this.client = client;
        this.namespace = namespace;
        this.availabilityGroup = availabilityGroup;
    }

    public Optional<Pod> pod(String podName) {
        return Optional.ofNullable(client.pods().inNamespace(namespace).withName(podName).get());
    }

    /** The pods that carry {@code role = primary} for this AG. */
    public List<Pod> labelledPrimary() {
        return client.pods().inNamespace(namespace)
                .withLabel(Labels.role(availabilityGroup), Labels.ROLE_PRIMARY).list().getItems();
    }

    public static String role(Pod pod, String availabilityGroup) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? null : labels.get(Labels.role(availabilityGroup));
    }

    public static String mode(Pod pod, String availabilityGroup) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? null : labels.get(Labels.mode(availabilityGroup));
    }

    /**
     * Sets (or with null removes) the pod's role and mode labels for this AG, when they differ: one JSON patch
     * of {@code add} and {@code remove} operations, so that nothing else on the pod is touched.
     */
    public void label(Pod pod, String role, String mode) {
        Map<String, String> current = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        Map<String, String> wanted = new java.util.LinkedHashMap<>();
        wanted.put(Labels.role(availabilityGroup), role);
        wanted.put(Labels.mode(availabilityGroup), mode);
        List<Map<String, Object>> operations = new java.util.ArrayList<>();
        wanted.forEach((key, value) -> {
            String path = "/metadata/labels/" + key.replace("~", "~0").replace("/", "~1");
            if (value == null && current.containsKey(key)) {
                operations.add(Map.of("op", "remove", "path", path));
            } else if (value != null && !value.equals(current.get(key))) {
                operations.add(Map.of("op", "add", "path", path, "value", value));
            }
        });
        if (operations.isEmpty()) {
            return;
        }
        if (pod.getMetadata().getLabels() == null) {
            operations.add(0, Map.of("op", "add", "path", "/metadata/labels", "value", Map.of()));
        }
        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON), write(operations));
    }

    /** Sets only the role label (another member's pod, corrected by the leader). */
    public void relabelRole(String podName, String role) {
        Map<String, Object> labels = new HashMap<>();
        labels.put(Labels.role(availabilityGroup), role);
        mergeLabels(podName, labels);
    }

    private void mergeLabels(String podName, Map<String, Object> labels) {
        client.pods().inNamespace(namespace).withName(podName)
                .patch(PatchContext.of(PatchType.JSON_MERGE), write(Map.of("metadata", Map.of("labels", labels))));
    }

    private static String write(Object patch) {
        try {
            return JSON.writeValueAsString(patch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a label patch", e);
        }
    }
}
