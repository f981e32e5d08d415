package io.github.mssqlk8s.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.mssqlk8s.testing.apiserver.ApiTestNamespace;
import io.github.mssqlk8s.testing.apiserver.GeneratedManifests;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the generated schema refuses on a real kube-apiserver, with the field named in the answer — the same
 * manifests SqlServerSchemaTest checks offline, now judged by the server's structural schema and CEL.
 */
class SqlServerSchemaApiTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private static final String VALID = GeneratedCrd.MINIMAL_SQLSERVER;

    @RegisterExtension
    final ApiTestNamespace api = ApiTestNamespace.create();

    private KubernetesClient admin;

    @BeforeEach
    void installTheCrd() {
        admin = api.admin();
        GeneratedManifests.installCrd(admin);
    }

    @Test
    void theMinimalManifestAndBothAgFormsAreAccepted() {
        assertThatCode(() -> create(VALID + "  availabilityGroups: [ag1, {name: ag2, availabilityMode: asynchronousCommit}]\n"))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void theServerRefusesNamingTheField(String description, String manifest, String field) {
        KubernetesClientException refusal = catchThrowableOfType(KubernetesClientException.class, () -> create(manifest));

        assertThat(refusal).as(description + ": refused").isNotNull();
        assertThat(refusal.getCode()).as(description + ": " + refusal.getMessage()).isEqualTo(422);
        assertThat(refusal.getMessage()).as(description).contains(field);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("acceptEula missing", VALID.replace("  acceptEula: true\n", ""), "spec.acceptEula: Required value"),
                Arguments.of("acceptEula false", VALID.replace("acceptEula: true", "acceptEula: false"), "spec.acceptEula"),
                Arguments.of("monitorPolicy above 5", VALID + "  monitorPolicy: 6\n", "spec.monitorPolicy"),
                Arguments.of("monitorPolicy below 0", VALID + "  monitorPolicy: -1\n", "spec.monitorPolicy"),
                Arguments.of("connectionTimeoutSec below its minimum", VALID + "  connectionTimeoutSec: 0\n", "spec.connectionTimeoutSec"),
                Arguments.of("transientDBHealthTimeoutSec below its minimum", VALID + "  transientDBHealthTimeoutSec: 0\n",
                        "spec.transientDBHealthTimeoutSec"),
                Arguments.of("an unknown availabilityMode",
                        VALID + "  availabilityGroups: [{name: ag1, availabilityMode: syncCommit}]\n",
                        "spec.availabilityGroups[0].availabilityMode"),
                Arguments.of("an AG item without a name", VALID + "  availabilityGroups: [{availabilityMode: synchronousCommit}]\n",
                        "spec.availabilityGroups[0].name"),
                Arguments.of("an AG name that is not a DNS label", VALID + "  availabilityGroups: [ag1, AG_1]\n",
                        "spec.availabilityGroups[1]"),
                Arguments.of("an AG name that is not a DNS label, long form", VALID + "  availabilityGroups: [{name: 'ag 1'}]\n",
                        "spec.availabilityGroups[0].name"),
                Arguments.of("no data volume", VALID.substring(0, VALID.indexOf("  instanceRootVolumeClaimTemplate")), "spec"),
                Arguments.of("saPassword without a key", VALID.replace(", key: sapassword", ""), "spec.saPassword.secretKeyRef.key"));
    }

    private void create(String manifest) {
        GenericKubernetesResource resource = YAML.unmarshal(manifest, GenericKubernetesResource.class);
        admin.genericKubernetesResources("mssql.microsoft.com/v1", "SqlServer").inNamespace(api.namespace())
                .resource(resource).create();
    }
}
