package io.github.mssqlk8s.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.testing.TestResources;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstancePodLabelsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> patch) {
        return (Map<String, Object>) ((Map<String, Object>) patch.get("metadata")).get("labels");
    }

    private static ObjectMeta podAfter(ObjectMeta pod, Map<String, Object> patch) {
        Map<String, String> labels = new HashMap<>(pod.getLabels());
        labels(patch).forEach((key, value) -> {
            if (value == null) {
                labels.remove(key);
            } else {
                labels.put(key, (String) value);
            }
        });
        @SuppressWarnings("unchecked")
        Map<String, String> annotations = (Map<String, String>) ((Map<String, Object>) patch.get("metadata")).get("annotations");
        return new ObjectMetaBuilder(pod).withLabels(labels).withAnnotations(annotations).build();
    }

    @Test
    void theResourcesLabelsAndMembershipReachThePodAndLeaveWithIt() {
        SqlServer resource = TestResources.sqlServer("mssql1", "ns1", AvailabilityGroupRef.named("ag1"));
        resource.getMetadata().getLabels().put("helm.sh/chart", "sql-1.0");
        ObjectMeta pod = new ObjectMetaBuilder().withName("mssql1-0")
                .withLabels(Map.of("type", "sqlservr", "role.ag.mssql.microsoft.com/ag1", "primary")).build();

        Map<String, Object> first = InstancePodLabels.mergePatch(resource, pod);
        assertThat(labels(first)).containsEntry("helm.sh/chart", "sql-1.0")
                .containsEntry("member.ag.mssql.microsoft.com/ag1", "true")
                .containsEntry("mssql.microsoft.com/availability-group-member", "true")
                .doesNotContainKeys("type", "name", "role.ag.mssql.microsoft.com/ag1");
        pod = podAfter(pod, first);
        assertThat(InstancePodLabels.mergePatch(resource, pod)).as("nothing more to do").isEmpty();

        resource.getMetadata().getLabels().remove("helm.sh/chart");
        resource.getSpec().getAvailabilityGroups().clear();
        Map<String, Object> second = InstancePodLabels.mergePatch(resource, pod);
        assertThat(labels(second)).containsEntry("helm.sh/chart", null)
                .containsEntry("member.ag.mssql.microsoft.com/ag1", null)
                .containsEntry("mssql.microsoft.com/availability-group-member", null)
                .doesNotContainKey("role.ag.mssql.microsoft.com/ag1");
        assertThat(new KubernetesSerialization().asJson(second)).as("a merge patch removes a key by null")
                .contains("\"helm.sh/chart\":null");
    }
}
