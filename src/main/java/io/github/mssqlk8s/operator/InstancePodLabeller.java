package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.resources.InstancePodLabels;
import java.util.Map;

/**
 * Keeps the SqlServer's labels and the AG membership labels on its running pod (not in the template, which would
 * restart SQL Server). A JSON merge patch of the label map: it touches only the keys it names, so the role and
 * mode labels the agents write at the same time are kept.
 */
class InstancePodLabeller {

    private final KubernetesClient client;

    InstancePodLabeller(KubernetesClient client) {
        this.client = client;
    }

    void label(SqlServer sqlServer, Pod pod) {
        Map<String, Object> patch = InstancePodLabels.mergePatch(sqlServer, pod.getMetadata());
        if (!patch.isEmpty()) {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(patch));
        }
    }
}
