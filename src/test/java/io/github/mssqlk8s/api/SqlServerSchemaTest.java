package io.github.mssqlk8s.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Manifests against the openAPIV3Schema the build generated (a Quarkus test, so the build steps that write
 * target/kubernetes have run), checked by a real JSON-schema validator.
 */
@QuarkusTest
class SqlServerSchemaTest {

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() {
        // OpenAPI 3.0 schemas are draft-4 JSON Schema plus vendor keywords, which the validator ignores.
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(GeneratedCrd.openApiSchema());
    }

    private static final String VALID = GeneratedCrd.MINIMAL_SQLSERVER;

    @Test
    void theCrdIsNamespacedWithStatusSubresourceAndThePreviewsNames() {
        JsonNode crd = GeneratedCrd.crd();
        assertThat(crd.at("/metadata/name").asText()).isEqualTo("sqlservers.mssql.microsoft.com");
        assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
        assertThat(crd.at("/spec/names/kind").asText()).isEqualTo("SqlServer");
        assertThat(crd.at("/spec/versions/0/name").asText()).isEqualTo("v1");
        assertThat(crd.at("/spec/versions/0/subresources/status").isObject()).isTrue();
    }

    /**
     * kube-apiserver refuses a whole CRD when a CEL rule sits on a node without a type: it cannot build the rule's
     * CEL type information (review finding A1; SqlServerCrdApiTest shows the refusal on a real server).
     */
    @Test
    void everyCelRuleSitsOnATypedNode() {
        List<String> untyped = new java.util.ArrayList<>();
        collectUntypedCelRules(GeneratedCrd.openApiSchema(), "openAPIV3Schema", untyped);
        assertThat(untyped).as("nodes with x-kubernetes-validations but no type").isEmpty();
    }

    private static void collectUntypedCelRules(JsonNode node, String path, List<String> untyped) {
        if (node.isObject()) {
            boolean typed = !node.path("type").asText("").isEmpty() || node.path("x-kubernetes-int-or-string").asBoolean(false);
            if (node.has("x-kubernetes-validations") && !typed) {
                untyped.add(path);
            }
            node.fields().forEachRemaining(field -> collectUntypedCelRules(field.getValue(), path + "." + field.getKey(), untyped));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectUntypedCelRules(node.get(i), path + "[" + i + "]", untyped);
            }
        }
    }

    @Test
    void theMinimalManifestIsValid() {
        assertThat(errors(GeneratedCrd.yaml(VALID))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validVariants")
    void validVariantsPass(String description, String specAddition) {
        assertThat(errors(withSpec(specAddition))).as(description).isEmpty();
    }

    static Stream<Arguments> validVariants() {
        return Stream.of(
                Arguments.of("the preview's short form of availabilityGroups", "availabilityGroups: [ag1, ag-2]"),
                Arguments.of("the long form with every mode", """
                        availabilityGroups:
                          - {name: ag1, availabilityMode: synchronousCommit}
                          - {name: ag2, availabilityMode: asynchronousCommit}
                          - {name: ag3, availabilityMode: configurationOnly}"""),
                Arguments.of("both forms mixed", "availabilityGroups: [ag1, {name: ag2}]"),
                Arguments.of("every optional number at its bounds", """
                        monitorPolicy: 0
                        connectionTimeoutSec: 1
                        queryCommandTimeoutSec: 1
                        joinCommandTimeoutSec: 1
                        transientDBHealthTimeoutSec: 1"""),
                Arguments.of("monitor policy 5", "monitorPolicy: 5"),
                Arguments.of("an edition as pid", "pid: Enterprise"),
                Arguments.of("a product key as pid", "pid: ABCDE-12345-FGHIJ-67890-KLMNO"),
                Arguments.of("pod overrides", """
                        sqlServerPod:
                          nodeSelector: {disk: ssd}
                          tolerations: [{key: dedicated, operator: Equal, value: sql, effect: NoSchedule}]
                          imagePullSecrets: [{name: registry}]
                          labels: {team: data}
                          resources: {requests: {memory: 2Gi}}"""),
                Arguments.of("a post-init script", "sqlPostInitScript: |\n  SELECT 1\n  GO\n  SELECT 2"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("invalidManifests")
    void invalidManifestsFail(String description, String manifest, String expectedError) {
        assertThat(errors(GeneratedCrd.yaml(manifest))).as(description)
                .extracting(ValidationMessage::getMessage)
                .anySatisfy(message -> assertThat(message).contains(expectedError));
    }

    static Stream<Arguments> invalidManifests() {
        return Stream.of(
                Arguments.of("acceptEula missing", VALID.replace("  acceptEula: true\n", ""),
                        "required property 'acceptEula'"),
                Arguments.of("acceptEula not a boolean", VALID.replace("acceptEula: true", "acceptEula: yes-please"),
                        "$.spec.acceptEula: string found, boolean expected"),
                Arguments.of("agentsContainerImage missing",
                        VALID.replace("  agentsContainerImage: mssqlk8s/mssql-k8s-agents:0.1.0\n", ""),
                        "required property 'agentsContainerImage'"),
                Arguments.of("the SQL Server image missing",
                        VALID.replace("{image: 'mcr.microsoft.com/mssql/server:2022-latest'}", "{}"),
                        "$.spec.sqlServerContainer: required property 'image'"),
                Arguments.of("saPassword without a key", VALID.replace(", key: sapassword", ""),
                        "$.spec.saPassword.secretKeyRef: required property 'key'"),
                Arguments.of("no data volume at all", VALID.substring(0, VALID.indexOf("  instanceRootVolumeClaimTemplate")),
                        "$.spec: must be valid to one and only one schema, but 0 are valid"),
                Arguments.of("both data volume fields", VALID + "  instanceRootVolume: {persistentVolumeClaim: {claimName: data}}\n",
                        "$.spec: must be valid to one and only one schema, but 2 are valid"),
                Arguments.of("monitorPolicy above 5", VALID + "  monitorPolicy: 6\n",
                        "$.spec.monitorPolicy: must have a maximum value of 5"),
                Arguments.of("monitorPolicy below 0", VALID + "  monitorPolicy: -1\n",
                        "$.spec.monitorPolicy: must have a minimum value of 0"),
                Arguments.of("connectionTimeoutSec 0", VALID + "  connectionTimeoutSec: 0\n",
                        "$.spec.connectionTimeoutSec: must have a minimum value of 1"),
                Arguments.of("queryCommandTimeoutSec 0", VALID + "  queryCommandTimeoutSec: 0\n",
                        "$.spec.queryCommandTimeoutSec: must have a minimum value of 1"),
                Arguments.of("joinCommandTimeoutSec 0", VALID + "  joinCommandTimeoutSec: 0\n",
                        "$.spec.joinCommandTimeoutSec: must have a minimum value of 1"),
                Arguments.of("transientDBHealthTimeoutSec 0", VALID + "  transientDBHealthTimeoutSec: 0\n",
                        "$.spec.transientDBHealthTimeoutSec: must have a minimum value of 1"),
                Arguments.of("an unknown pid", VALID + "  pid: Platinum\n",
                        "$.spec.pid: does not match the regex pattern"),
                Arguments.of("an AG name that is not a DNS label", VALID + "  availabilityGroups: [AG_1]\n",
                        "$.spec.availabilityGroups[0]: does not match the regex pattern"),
                Arguments.of("an AG name too long for its Services", VALID + "  availabilityGroups: [" + "a".repeat(54) + "]\n",
                        "$.spec.availabilityGroups[0]: does not match the regex pattern"),
                Arguments.of("an AG object without a name", VALID + "  availabilityGroups: [{availabilityMode: synchronousCommit}]\n",
                        "$.spec.availabilityGroups[0]: required property 'name'"),
                Arguments.of("an unknown availability mode", VALID + "  availabilityGroups: [{name: ag1, availabilityMode: syncCommit}]\n",
                        "$.spec.availabilityGroups[0].availabilityMode: does not have a value in the enumeration"),
                Arguments.of("an invalid AG name in the long form", VALID + "  availabilityGroups: [{name: 'ag 1'}]\n",
                        "$.spec.availabilityGroups[0].name: does not match the regex pattern"));
    }

    @Test
    void everyExampleSqlServerIsValid() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            examples = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(examples).isNotEmpty();
        int sqlServers = 0;
        for (Path example : examples) {
            for (JsonNode document : GeneratedCrd.readDocuments(example)) {
                if ("SqlServer".equals(document.path("kind").asText())) {
                    sqlServers++;
                    assertThat(errors(document)).as(example + " " + document.at("/metadata/name")).isEmpty();
                }
            }
        }
        assertThat(sqlServers).as("SqlServer resources in examples/").isGreaterThanOrEqualTo(3);
    }

    private static JsonNode withSpec(String specAddition) {
        return GeneratedCrd.yaml(VALID + specAddition.indent(2));
    }

    private static Set<ValidationMessage> errors(JsonNode manifest) {
        return schema.validate(manifest);
    }
}
