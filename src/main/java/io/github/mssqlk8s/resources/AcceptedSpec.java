package io.github.mssqlk8s.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.mssqlk8s.api.SqlServerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The part of a spec that may not change after creation (contract §1: the instance root volume, {@code saPassword},
 * {@code masterKeyPassword}, {@code acceptEula} and the SQL Server container's volume mounts), recorded as JSON on
 * the StatefulSet when the operator applies it. A later spec is compared with what was accepted, so a refused change
 * can name its fields and nothing running is touched. Fields applied in place (membership, the post-init script)
 * and fields rolled across the AG by the operator's rollout (images, env, resources, pid, monitor policy, timeouts,
 * pod overrides) are left out on both sides, so annotations written by older operators compare the same way.
 */
public final class AcceptedSpec {

    public static final String ANNOTATION = "mssql.microsoft.com/accepted-spec";

    private static final List<String> IN_PLACE_FIELDS = List.of("availabilityGroups", "sqlPostInitScript");
    private static final List<String> ROLLED_FIELDS = List.of("agentsContainerImage", "pid", "monitorPolicy",
            "connectionTimeoutSec", "queryCommandTimeoutSec", "joinCommandTimeoutSec", "transientDBHealthTimeoutSec",
            "sqlServerPod", "initSQLPod");
    private static final String SQL_SERVER_CONTAINER = "sqlServerContainer";
    private static final List<String> ROLLED_CONTAINER_FIELDS = List.of("image", "env", "resources");
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private AcceptedSpec() {
    }

    public static String of(SqlServerSpec spec) {
        return JSON.asJson(immutablePart(spec));
    }

    /** The spec fields (as {@code spec.x}) whose value differs from the accepted JSON; empty when none. */
    public static List<String> changedFields(String acceptedJson, SqlServerSpec current) {
        JsonNode accepted = frozen(JSON.unmarshal(acceptedJson, ObjectNode.class));
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
        return frozen(JSON.convertValue(spec, ObjectNode.class));
    }

    private static ObjectNode frozen(ObjectNode node) {
        node.remove(IN_PLACE_FIELDS);
        node.remove(ROLLED_FIELDS);
        if (node.get(SQL_SERVER_CONTAINER) instanceof ObjectNode container) {
            container.remove(ROLLED_CONTAINER_FIELDS);
            removeEmptyLists(container);
            if (container.isEmpty()) {
                node.remove(SQL_SERVER_CONTAINER);
            }
        }
        removeEmptyLists(node);
        return node;
    }

    /** An empty list and an absent one mean the same to the operator. */
    private static void removeEmptyLists(ObjectNode node) {
        List<String> empty = new ArrayList<>();
        node.fields().forEachRemaining(field -> {
            if (field.getValue().isArray() && field.getValue().isEmpty()) {
                empty.add(field.getKey());
            }
        });
        node.remove(empty);
    }
}
