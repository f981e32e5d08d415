package io.github.mssqlk8s.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class AvailabilityGroupRefTest {

    @Test
    void theShortFormIsANameInSynchronousCommit() {
        SqlServerSpec spec = Serialization.unmarshal("{\"availabilityGroups\": [\"ag1\"]}", SqlServerSpec.class);

        assertThat(spec.getAvailabilityGroups()).containsExactly(new AvailabilityGroupRef("ag1", null));
        assertThat(spec.getAvailabilityGroups().get(0).effectiveMode()).isEqualTo(AvailabilityMode.SYNCHRONOUS_COMMIT);
    }

    @Test
    void theLongFormKeepsItsMode() {
        SqlServerSpec spec = Serialization.unmarshal(
                "{\"availabilityGroups\": [{\"name\": \"ag2\", \"availabilityMode\": \"configurationOnly\"}, \"ag3\"]}",
                SqlServerSpec.class);

        assertThat(spec.getAvailabilityGroups()).extracting(AvailabilityGroupRef::getName, AvailabilityGroupRef::effectiveMode)
                .containsExactly(
                        tuple("ag2", AvailabilityMode.CONFIGURATION_ONLY),
                        tuple("ag3", AvailabilityMode.SYNCHRONOUS_COMMIT));
    }

    @Test
    void bothFormsAreWrittenBackInTheLongForm() {
        SqlServerSpec spec = new SqlServerSpec();
        spec.getAvailabilityGroups().add(AvailabilityGroupRef.named("ag1"));
        spec.getAvailabilityGroups().add(new AvailabilityGroupRef("ag2", AvailabilityMode.ASYNCHRONOUS_COMMIT));

        String json = Serialization.asJson(spec);

        assertThat(json).contains("{\"name\":\"ag1\"}", "{\"name\":\"ag2\",\"availabilityMode\":\"asynchronousCommit\"}");
        assertThat(Serialization.unmarshal(json, SqlServerSpec.class).getAvailabilityGroups())
                .isEqualTo(spec.getAvailabilityGroups());
    }

    @Test
    void anUnsetModeEqualsAnExplicitSynchronousCommit() {
        assertThat(AvailabilityGroupRef.named("ag1"))
                .isEqualTo(new AvailabilityGroupRef("ag1", AvailabilityMode.SYNCHRONOUS_COMMIT))
                .isNotEqualTo(new AvailabilityGroupRef("ag1", AvailabilityMode.ASYNCHRONOUS_COMMIT));
    }

    @Test
    void anOddItemIsReadAsInvalidAndTheOthersOfTheListStillRead() {
        SqlServerSpec spec = Serialization.unmarshal("{\"availabilityGroups\": [[\"ag1\"], 5, \"ag2\","
                + " {\"name\": \"ag3\", \"availabilityMode\": \"sometimes\"}, {\"name\": 7}]}", SqlServerSpec.class);

        assertThat(spec.getAvailabilityGroups()).extracting(AvailabilityGroupRef::getInvalidItem)
                .containsExactly("[\"ag1\"]", "5", null, "{\"name\":\"ag3\",\"availabilityMode\":\"sometimes\"}", "{\"name\":7}");
        assertThat(spec.getAvailabilityGroups().get(2)).isEqualTo(AvailabilityGroupRef.named("ag2"));
    }

    @Test
    void aListOfSqlServersWithOneOddResourceIsStillRead() {
        String list = "[{\"apiVersion\": \"mssql.microsoft.com/v1\", \"kind\": \"SqlServer\", \"metadata\": {\"name\": \"odd\"},"
                + " \"spec\": {\"availabilityGroups\": [[\"ag1\"]]}},"
                + "{\"apiVersion\": \"mssql.microsoft.com/v1\", \"kind\": \"SqlServer\", \"metadata\": {\"name\": \"fine\"},"
                + " \"spec\": {\"availabilityGroups\": [\"ag1\"]}}]";

        java.util.List<SqlServer> read = new io.fabric8.kubernetes.client.utils.KubernetesSerialization().unmarshal(
                new java.io.ByteArrayInputStream(list.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new com.fasterxml.jackson.core.type.TypeReference<java.util.List<SqlServer>>() { });

        assertThat(read).hasSize(2);
        assertThat(read.get(1).getSpec().getAvailabilityGroups()).containsExactly(AvailabilityGroupRef.named("ag1"));
    }
}
