package io.github.mssqlk8s.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.github.mssqlk8s.naming.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The routing labels of SQL Server pods for one AG (contract §2): {@code role.ag…/<ag>} and {@code mode.ag…/<ag>},
 * written with JSON merge patches that touch nothing else.
 */
public class PodLabels {

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

    /** Sets (or with null removes) the pod's role and mode labels for this AG, when they differ. */
    public void label(Pod pod, String role, String mode) {
        if (Objects.equals(role(pod, availabilityGroup), role) && Objects.equals(mode(pod, availabilityGroup), mode)) {
            return;
        }
        Map<String, Object> labels = new HashMap<>();
        labels.put(Labels.role(availabilityGroup), role);
        labels.put(Labels.mode(availabilityGroup), mode);
        String patch = AgConfigMapCodec.write(Map.of("metadata", Map.of("labels", labels)));
        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    /** Sets only the role label (another member's pod, corrected by the leader). */
    public void relabelRole(String podName, String role) {
        Map<String, Object> labels = new HashMap<>();
        labels.put(Labels.role(availabilityGroup), role);
        String patch = AgConfigMapCodec.write(Map.of("metadata", Map.of("labels", labels)));
        client.pods().inNamespace(namespace).withName(podName).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }
}
