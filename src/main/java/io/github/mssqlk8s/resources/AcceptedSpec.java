package io.github.mssqlk8s.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.mssqlk8s.api.SqlServerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The part of a spec that may not change after creation (everything but {@code availabilityGroups} and
 * {@code sqlPostInitScript}), recorded as JSON on the StatefulSet when the operator applies it. A later spec is
 * compared with what was accepted, so a refused change can name its fields and nothing running is touched.
 */
public final class AcceptedSpec {

    public static final String ANNOTATION = "mssql.microsoft.com/accepted-spec";

    private static final List<String> MUTABLE_FIELDS = List.of("availabilityGroups", "sqlPostInitScript");
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private AcceptedSpec() {
    }

    public static String of(SqlServerSpec spec) {
        return JSON.asJson(immutablePart(spec));
    }

    /** The spec fields (as {@code spec.x}) whose value differs from the accepted JSON; empty when none. */
    public static List<String> changedFields(String acceptedJson, SqlServerSpec current) {
        JsonNode accepted = JSON.unmarshal(acceptedJson, JsonNode.class);
        JsonNode now = immutablePart(current);
        TreeSet<String> names = new TreeSet<>();
        accepted.fieldNames().forEachRemaining(names::add);
        now.fieldNames().forEachRemaining(names::add);
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            if (!accepted.path(name).equals(now.path(name))) {
                changed.add("spec." + name);
            }
        }
        return changed;
    }

    private static ObjectNode immutablePart(SqlServerSpec spec) {
        ObjectNode node = JSON.convertValue(spec, ObjectNode.class);
        node.remove(MUTABLE_FIELDS);
        // An empty list and an absent one mean the same to the operator.
        List<String> empty = new ArrayList<>();
        node.fields().forEachRemaining(field -> {
            if (field.getValue().isArray() && field.getValue().isEmpty()) {
                empty.add(field.getKey());
            }
        });
        node.remove(empty);
        return node;
    }
}
