package io.github.mssqlk8s.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The CRD the build generated into target/kubernetes, and YAML documents to check against it. */
final class GeneratedCrd {

    static final Path FILE = Path.of("target/kubernetes/sqlservers.mssql.microsoft.com-v1.yml");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The smallest SqlServer the schema accepts; the schema tests of both tiers derive their bad cases from it. */
    static final String MINIMAL_SQLSERVER = """
            apiVersion: mssql.microsoft.com/v1
            kind: SqlServer
            metadata: {name: mssql1, labels: {name: mssql1, type: sqlservr}}
            spec:
              acceptEula: true
              agentsContainerImage: mssqlk8s/mssql-k8s-agents:0.1.0
              sqlServerContainer: {image: 'mcr.microsoft.com/mssql/server:2022-latest'}
              saPassword: {secretKeyRef: {name: sql-secrets, key: sapassword}}
              instanceRootVolumeClaimTemplate:
                accessModes: [ReadWriteOnce]
                resources: {requests: {storage: 5Gi}}
                storageClass: default
            """;

    private GeneratedCrd() {
    }

    static JsonNode crd() {
        return readDocuments(FILE).get(0);
    }

    static JsonNode openApiSchema() {
        return crd().at("/spec/versions/0/schema/openAPIV3Schema");
    }

    static List<JsonNode> readDocuments(Path file) {
        try (YAMLParser parser = new YAMLFactory().createParser(Files.readString(file))) {
            List<JsonNode> documents = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(document -> {
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            });
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
