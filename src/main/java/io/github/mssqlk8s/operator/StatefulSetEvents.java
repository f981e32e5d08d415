package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Names;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * The StatefulSet controller reports a pod it cannot create (admission refused it, a mount names no volume) only
 * as a FailedCreate Event on the StatefulSet. Read by name when the pod is missing, so the status says why.
 */
class StatefulSetEvents {

    static final String FAILED_CREATE = "FailedCreate";

    private final KubernetesClient client;

    StatefulSetEvents(KubernetesClient client) {
        this.client = client;
    }

    Optional<String> lastFailedCreate(SqlServer sqlServer) {
        String name = Names.statefulSet(sqlServer);
        // Filtered here, not by a field selector: the mock API server of the tests answers none to those.
        // Asked only while the pod is missing, at the reconciler's backing-off recheck interval.
        return client.v1().events().inNamespace(sqlServer.getMetadata().getNamespace())
                .list().getItems().stream()
                .filter(event -> event.getInvolvedObject() != null && "StatefulSet".equals(event.getInvolvedObject().getKind())
                        && name.equals(event.getInvolvedObject().getName()) && FAILED_CREATE.equals(event.getReason()))
                .max(Comparator.comparing(StatefulSetEvents::lastSeen))
                .map(Event::getMessage)
                .filter(Objects::nonNull);
    }

    private static String lastSeen(Event event) {
        return event.getLastTimestamp() != null ? event.getLastTimestamp()
                : Objects.requireNonNullElse(event.getMetadata().getCreationTimestamp(), "");
    }
}
