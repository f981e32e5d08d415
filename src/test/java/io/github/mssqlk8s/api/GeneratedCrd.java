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
