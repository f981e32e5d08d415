package io.github.mssqlk8s.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.testing.TestLeaseSettings;
import io.github.mssqlk8s.testing.TestResources;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a change the operator accepts may do to the StatefulSet: nothing to its immutable fields (the server would
 * refuse the update) and nothing to its pod template (a template change restarts SQL Server; contract §1).
 */
class StatefulSetImmutabilityTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    static Stream<Arguments> acceptedChanges() {
        return Stream.of(
                Arguments.of("a label added", (Consumer<SqlServer>) r -> r.getMetadata().getLabels().put("helm.sh/chart", "x-2")),
                Arguments.of("a label changed", (Consumer<SqlServer>) r -> r.getMetadata().getLabels().put("team", "b")),
                Arguments.of("an annotation added", (Consumer<SqlServer>) r -> r.getMetadata().setAnnotations(
                        java.util.Map.of("argocd.argoproj.io/sync-wave", "2"))),
                Arguments.of("an AG added", (Consumer<SqlServer>) r -> r.getSpec().getAvailabilityGroups()
                        .add(AvailabilityGroupRef.named("ag2"))),
                Arguments.of("every AG removed", (Consumer<SqlServer>) r -> r.getSpec().getAvailabilityGroups().clear()),
                Arguments.of("the post-init script", (Consumer<SqlServer>) r -> r.getSpec().setSqlPostInitScript("SELECT 1")),
                Arguments.of("a new generation", (Consumer<SqlServer>) r -> r.getMetadata().setGeneration(7L)));
    }

    private static SqlServer mssql1() {
        SqlServer resource = TestResources.sqlServer("mssql1", "ns1", AvailabilityGroupRef.named("ag1"));
        resource.getMetadata().getLabels().put("team", "a");
        return resource;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedChanges")
    void leavesImmutableFieldsAndThePodTemplateAlone(String change, Consumer<SqlServer> edit) {
        StatefulSet before = InstanceStatefulSet.desired(mssql1(), TestLeaseSettings.defaults());
        SqlServer edited = mssql1();
        edit.accept(edited);
        StatefulSet after = InstanceStatefulSet.desired(edited, TestLeaseSettings.defaults());

        assertThat(after.getMetadata().getName()).isEqualTo(before.getMetadata().getName());
        assertThat(JSON.asJson(after.getSpec().getSelector())).as("selector").isEqualTo(JSON.asJson(before.getSpec().getSelector()));
        assertThat(after.getSpec().getServiceName()).isEqualTo(before.getSpec().getServiceName());
        assertThat(JSON.asJson(after.getSpec().getVolumeClaimTemplates())).as("volumeClaimTemplates")
                .isEqualTo(JSON.asJson(before.getSpec().getVolumeClaimTemplates()));
        assertThat(JSON.asJson(after.getSpec().getTemplate())).as("pod template").isEqualTo(JSON.asJson(before.getSpec().getTemplate()));
    }
}
