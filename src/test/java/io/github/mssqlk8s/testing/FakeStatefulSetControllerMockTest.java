package io.github.mssqlk8s.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake StatefulSet controller rolls pods as a real one does: at once with RollingUpdate, only when deleted with OnDelete. */
@EnableKubernetesMockClient(crud = true, https = false)
class FakeStatefulSetControllerMockTest {

    private String ns;
    static KubernetesClient client;
    private FakeClusterControllers controllers;

    @AfterEach
    void stop() {
        controllers.close();
    }

    @Test
    void onDeleteKeepsTheOldPodUntilItIsDeletedThenRecreatesItFromTheNewTemplate() {
        ns = "on-delete";
        controllers = new FakeClusterControllers(client, ns).start();
        client.apps().statefulSets().inNamespace(ns).resource(statefulSet("OnDelete", "image:1")).create();
        String first = awaitPodRevision(null);
        assertThat(statusOf().getUpdateRevision()).isEqualTo(first);

        client.apps().statefulSets().inNamespace(ns).withName("mssql1").edit(s -> new StatefulSetBuilder(s)
                .editSpec().editTemplate().editSpec().editFirstContainer().withImage("image:2").endContainer()
                .endSpec().endTemplate().endSpec().build());
        await().atMost(Duration.ofSeconds(10)).until(() -> !first.equals(statusOf().getUpdateRevision()));

        assertThat(pod().getMetadata().getLabels()).containsEntry(FakeClusterControllers.REVISION_LABEL, first);
        assertThat(pod().getSpec().getContainers().get(0).getImage()).isEqualTo("image:1");
        assertThat(statusOf().getCurrentRevision()).isEqualTo(first);

        client.pods().inNamespace(ns).withName("mssql1-0").delete();
        String second = awaitPodRevision(first);
        assertThat(second).isEqualTo(statusOf().getUpdateRevision());
        assertThat(pod().getSpec().getContainers().get(0).getImage()).isEqualTo("image:2");
    }

    @Test
    void rollingUpdateReplacesThePodAtOnce() {
        ns = "rolling-update";
        controllers = new FakeClusterControllers(client, ns).start();
        client.apps().statefulSets().inNamespace(ns).resource(statefulSet("RollingUpdate", "image:1")).create();
        String first = awaitPodRevision(null);

        client.apps().statefulSets().inNamespace(ns).withName("mssql1").edit(s -> new StatefulSetBuilder(s)
                .editSpec().editTemplate().editSpec().editFirstContainer().withImage("image:2").endContainer()
                .endSpec().endTemplate().endSpec().build());

        awaitPodRevision(first);
        assertThat(pod().getSpec().getContainers().get(0).getImage()).isEqualTo("image:2");
    }

    private String awaitPodRevision(String other) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Pod p = pod();
            return p != null && p.getMetadata().getLabels().get(FakeClusterControllers.REVISION_LABEL) != null
                    && !p.getMetadata().getLabels().get(FakeClusterControllers.REVISION_LABEL).equals(other);
        });
        return pod().getMetadata().getLabels().get(FakeClusterControllers.REVISION_LABEL);
    }

    private Pod pod() {
        return client.pods().inNamespace(ns).withName("mssql1-0").get();
    }

    private io.fabric8.kubernetes.api.model.apps.StatefulSetStatus statusOf() {
        StatefulSet set = client.apps().statefulSets().inNamespace(ns).withName("mssql1").get();
        return set.getStatus() == null ? new io.fabric8.kubernetes.api.model.apps.StatefulSetStatus() : set.getStatus();
    }

    private StatefulSet statefulSet(String strategy, String image) {
        return new StatefulSetBuilder()
                .withNewMetadata().withName("mssql1").withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewUpdateStrategy().withType(strategy).endUpdateStrategy()
                .withNewSelector().addToMatchLabels("app", "mssql1").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "mssql1").endMetadata()
                .withNewSpec().addNewContainer().withName("mssql-server").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }
}
