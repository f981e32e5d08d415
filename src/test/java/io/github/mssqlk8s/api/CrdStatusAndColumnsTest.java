package io.github.mssqlk8s.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated CRD (a Quarkus test: the build step that writes it has run). */
@QuarkusTest
class CrdStatusAndColumnsTest {

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void statusListsAreMapsKeyedByARequiredField() {
        JsonNode status = GeneratedCrd.openApiSchema().at("/properties/status/properties");
        for (String[] list : new String[][] {{"availabilityGroups", "name"}, {"conditions", "type"}}) {
            JsonNode node = status.path(list[0]);
            assertThat(node.path("x-kubernetes-list-type").asText()).as(list[0]).isEqualTo("map");
            assertThat(texts(node.path("x-kubernetes-list-map-keys"))).as(list[0]).containsExactly(list[1]);
            // The API server refuses a map key that is neither required nor defaulted.
            assertThat(texts(node.path("items").path("required"))).as(list[0]).contains(list[1]);
            assertThat(node.path("items").path("properties").has(list[1])).as(list[0]).isTrue();
        }
    }

    @Test
    void kubectlGetShowsReadinessEachAgsRoleAndAge() {
        JsonNode columns = GeneratedCrd.crd().at("/spec/versions/0/additionalPrinterColumns");
        List<String> names = new ArrayList<>();
        columns.forEach(column -> names.add(column.path("name").asText()));
        assertThat(names).contains("Ready", "AGs", "Roles", "Age");
        columns.forEach(column -> assertThat(column.path("jsonPath").asText()).as(column.path("name").asText()).startsWith("."));
    }
}
