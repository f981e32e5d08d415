package io.github.mssqlk8s.resources;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Labels;
import java.util.LinkedHashMap;
import java.util.Map;

/** Metadata shared by every object made for a SqlServer: our labels, its namespace, who owns it. */
public final class Ownership {

    private Ownership() {
    }

    /** The labels that mark an object as ours and as belonging to one instance. */
    public static Map<String, String> managedLabels(SqlServer sqlServer, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_US);
        labels.put(Labels.INSTANCE, sqlServer.getMetadata().getName());
        labels.put(Labels.SQL_SERVER, sqlServer.getMetadata().getName());
        labels.put(Labels.COMPONENT, component);
        return labels;
    }

    static ObjectMeta metadata(SqlServer sqlServer, String name, String component) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(sqlServer.getMetadata().getNamespace())
                .withLabels(managedLabels(sqlServer, component))
                .build();
    }

    /** A non-controlling reference: shared AG objects are owned by every member, and collected after the last. */
    public static OwnerReference sharedOwner(SqlServer sqlServer) {
        return new OwnerReferenceBuilder()
                .withApiVersion(sqlServer.getApiVersion())
                .withKind(sqlServer.getKind())
                .withName(sqlServer.getMetadata().getName())
                .withUid(sqlServer.getMetadata().getUid())
                .build();
    }
}
