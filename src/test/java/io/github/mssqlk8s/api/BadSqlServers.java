package io.github.mssqlk8s.api;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * SqlServer manifests the CRD's schema must refuse, derived from {@link GeneratedCrd#MINIMAL_SQLSERVER}: one list
 * for both tiers — the schema checked here in the JVM ({@link SqlServerSchemaTest}) and the real API server
 * ({@link SqlServerSchemaApiTest}) — each case with what each of them names.
 *
 * @param description   what is wrong
 * @param manifest      the whole manifest
 * @param serverField   what the API server's 422 message names (the field path)
 * @param schemaMessage what the JSON-schema validator says; null where only the server judges it (a CEL rule)
 */
record BadSqlServers(String description, String manifest, String serverField, String schemaMessage) {

    private static final String VALID = GeneratedCrd.MINIMAL_SQLSERVER;

    static final List<BadSqlServers> ALL = List.of(
            new BadSqlServers("acceptEula missing", VALID.replace("  acceptEula: true\n", ""),
                    "spec.acceptEula: Required value", "required property 'acceptEula'"),
            new BadSqlServers("acceptEula false", VALID.replace("acceptEula: true", "acceptEula: false"), "spec.acceptEula", null),
            new BadSqlServers("acceptEula not a boolean", VALID.replace("acceptEula: true", "acceptEula: yes-please"),
                    "spec.acceptEula", "$.spec.acceptEula: string found, boolean expected"),
            new BadSqlServers("agentsContainerImage missing",
                    VALID.replace("  agentsContainerImage: mssqlk8s/mssql-k8s-agents:0.1.0\n", ""),
                    "spec.agentsContainerImage", "required property 'agentsContainerImage'"),
            new BadSqlServers("the SQL Server image missing",
                    VALID.replace("{image: 'mcr.microsoft.com/mssql/server:2022-latest'}", "{}"),
                    "spec.sqlServerContainer.image", "$.spec.sqlServerContainer: required property 'image'"),
            new BadSqlServers("saPassword without a key", VALID.replace(", key: sapassword", ""),
                    "spec.saPassword.secretKeyRef.key", "$.spec.saPassword.secretKeyRef: required property 'key'"),
            new BadSqlServers("no data volume at all", VALID.substring(0, VALID.indexOf("  instanceRootVolumeClaimTemplate")),
                    "spec", "$.spec: must be valid to one and only one schema, but 0 are valid"),
            new BadSqlServers("both data volume fields", VALID + "  instanceRootVolume: {persistentVolumeClaim: {claimName: data}}\n",
                    "spec", "$.spec: must be valid to one and only one schema, but 2 are valid"),
            new BadSqlServers("monitorPolicy above 5", VALID + "  monitorPolicy: 6\n",
                    "spec.monitorPolicy", "$.spec.monitorPolicy: must have a maximum value of 5"),
            new BadSqlServers("monitorPolicy below 0", VALID + "  monitorPolicy: -1\n",
                    "spec.monitorPolicy", "$.spec.monitorPolicy: must have a minimum value of 0"),
            new BadSqlServers("connectionTimeoutSec 0", VALID + "  connectionTimeoutSec: 0\n",
                    "spec.connectionTimeoutSec", "$.spec.connectionTimeoutSec: must have a minimum value of 1"),
            new BadSqlServers("queryCommandTimeoutSec 0", VALID + "  queryCommandTimeoutSec: 0\n",
                    "spec.queryCommandTimeoutSec", "$.spec.queryCommandTimeoutSec: must have a minimum value of 1"),
            new BadSqlServers("joinCommandTimeoutSec 0", VALID + "  joinCommandTimeoutSec: 0\n",
                    "spec.joinCommandTimeoutSec", "$.spec.joinCommandTimeoutSec: must have a minimum value of 1"),
            new BadSqlServers("transientDBHealthTimeoutSec 0", VALID + "  transientDBHealthTimeoutSec: 0\n",
                    "spec.transientDBHealthTimeoutSec", "$.spec.transientDBHealthTimeoutSec: must have a minimum value of 1"),
            new BadSqlServers("an unknown pid", VALID + "  pid: Platinum\n",
                    "spec.pid", "$.spec.pid: does not match the regex pattern"),
            new BadSqlServers("an AG name that is not a DNS label", VALID + "  availabilityGroups: [ag1, AG_1]\n",
                    "spec.availabilityGroups[1]", "$.spec.availabilityGroups[1]: does not match the regex pattern"),
            new BadSqlServers("an AG name too long for its Services", VALID + "  availabilityGroups: [" + "a".repeat(54) + "]\n",
                    "spec.availabilityGroups[0]", "$.spec.availabilityGroups[0]: does not match the regex pattern"),
            new BadSqlServers("an AG object without a name", VALID + "  availabilityGroups: [{availabilityMode: synchronousCommit}]\n",
                    "spec.availabilityGroups[0].name", "$.spec.availabilityGroups[0]: required property 'name'"),
            new BadSqlServers("an unknown availability mode", VALID + "  availabilityGroups: [{name: ag1, availabilityMode: syncCommit}]\n",
                    "spec.availabilityGroups[0].availabilityMode",
                    "$.spec.availabilityGroups[0].availabilityMode: does not have a value in the enumeration"),
            new BadSqlServers("an invalid AG name in the long form", VALID + "  availabilityGroups: [{name: 'ag 1'}]\n",
                    "spec.availabilityGroups[0].name", "$.spec.availabilityGroups[0].name: does not match the regex pattern"));

    /** (description, manifest, server field) for the real-API-server test. */
    static Stream<Arguments> forTheServer() {
        return ALL.stream().map(bad -> Arguments.of(bad.description(), bad.manifest(), bad.serverField()));
    }

    /** (description, manifest, validator message) for the in-JVM schema test, where it has one. */
    static Stream<Arguments> forTheSchemaValidator() {
        return ALL.stream().filter(bad -> bad.schemaMessage() != null)
                .map(bad -> Arguments.of(bad.description(), bad.manifest(), bad.schemaMessage()));
    }
}
