package io.github.mssqlk8s.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.PodOverrides;
import io.github.mssqlk8s.api.SecretReference;
import io.github.mssqlk8s.api.SqlServerSpec;
import io.github.mssqlk8s.testing.TestResources;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptedSpecTest {

    private static SqlServerSpec spec() {
        return TestResources.sqlServer("mssql1", "ns1", AvailabilityGroupRef.named("ag1")).getSpec();
    }

    @Test
    void theFieldsThatMayChangeAreNotCompared() {
        String accepted = AcceptedSpec.of(spec());
        SqlServerSpec changed = spec();
        changed.getAvailabilityGroups().add(AvailabilityGroupRef.named("ag2"));
        changed.setSqlPostInitScript("SELECT 1");

        assertThat(AcceptedSpec.changedFields(accepted, changed)).isEmpty();
    }

    @Test
    void theFieldsRolledAcrossTheAgAreNotComparedEither() {
        String accepted = AcceptedSpec.of(spec());
        SqlServerSpec changed = spec();
        changed.getSqlServerContainer().setImage("mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04");
        changed.getSqlServerContainer().setEnv(List.of(new EnvVar("MSSQL_MEMORY_LIMIT_MB", "4096", null)));
        changed.getSqlServerContainer().setResources(new ResourceRequirementsBuilder()
                .addToLimits("memory", new Quantity("6Gi")).build());
        changed.setAgentsContainerImage("ghcr.io/example/mssql-k8s-agents:2.0.0");
        changed.setPid("Enterprise");
        changed.setMonitorPolicy(4);
        changed.setConnectionTimeoutSec(40);
        changed.setQueryCommandTimeoutSec(20);
        changed.setJoinCommandTimeoutSec(90);
        changed.setTransientDBHealthTimeoutSec(240);
        changed.setSqlServerPod(new PodOverrides());
        changed.setInitSQLPod(new PodOverrides());

        assertThat(AcceptedSpec.changedFields(accepted, changed)).isEmpty();
    }

    @Test
    void storageAndTheSaPasswordStayFixed() {
        String accepted = AcceptedSpec.of(spec());
        SqlServerSpec changed = spec();
        changed.setSaPassword(new SecretReference("other", "sapassword"));
        changed.setInstanceRootVolume(new VolumeBuilder().withNewEmptyDir().endEmptyDir().build());
        changed.getSqlServerContainer().setVolumeMounts(List.of(new VolumeMountBuilder().withName("x")
                .withMountPath("/x").build()));
        changed.setPid("Enterprise");

        assertThat(AcceptedSpec.changedFields(accepted, changed))
                .containsExactly("spec.instanceRootVolume", "spec.saPassword", "spec.sqlServerContainer");
    }

    @Test
    void anAnnotationWrittenBeforeTheRolledFieldsWereAllowedComparesTheSameWay() {
        SqlServerSpec before = spec();
        ObjectNode old = new KubernetesSerialization().convertValue(before, ObjectNode.class);
        old.remove(List.of("availabilityGroups", "sqlPostInitScript"));
        SqlServerSpec changed = spec();
        changed.getSqlServerContainer().setImage("mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04");

        assertThat(AcceptedSpec.changedFields(old.toString(), changed)).isEmpty();
    }

    @Test
    void anEmptyListMeansTheSameAsNone() {
        SqlServerSpec withEmpty = spec();
        withEmpty.getSqlServerContainer().setEnv(new ArrayList<>());
        SqlServerSpec withNull = spec();
        withNull.getSqlServerContainer().setEnv(null);

        assertThat(AcceptedSpec.changedFields(AcceptedSpec.of(withEmpty), withNull)).isEmpty();
    }

    @Test
    void aFieldSetLaterCountsAsAChange() {
        String accepted = AcceptedSpec.of(spec());
        SqlServerSpec changed = spec();
        changed.setMasterKeyPassword(new SecretReference("mk", "password"));

        assertThat(AcceptedSpec.changedFields(accepted, changed)).containsExactly("spec.masterKeyPassword");
    }
}
