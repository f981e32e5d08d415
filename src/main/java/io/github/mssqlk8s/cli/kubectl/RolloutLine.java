package io.github.mssqlk8s.cli.kubectl;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.api.SqlServer;
import java.util.Comparator;
import java.util.Optional;

/**
 * The rollout of a pod template change in a namespace (contract §1), as {@code kubectl mssql status} shows it: the
 * operator puts the same condition {@value Conditions#ROLLOUT_PAUSED} on every SqlServer of the namespace; the most
 * recent one says which step, which member and what it waits for. Nothing while none rolls.
 */
final class RolloutLine {

    private RolloutLine() {
    }

    static Optional<String> read(KubernetesClient client, String namespace) {
        try {
            return client.resources(SqlServer.class).inNamespace(namespace).list().getItems().stream()
                    .filter(resource -> resource.getStatus() != null)
                    .flatMap(resource -> Conditions.find(resource.getStatus().getConditions(), Conditions.ROLLOUT_PAUSED).stream())
                    .filter(condition -> !"UpToDate".equals(condition.getReason()))
                    .max(Comparator.comparing(Condition::getLastTransitionTime, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .map(RolloutLine::line);
        } catch (KubernetesClientException unreadable) {
            return Optional.empty(); // the status of the AGs stands without it (no right to read SqlServers, say)
        }
    }

    private static String line(Condition condition) {
        String state = Conditions.TRUE.equals(condition.getStatus()) ? "paused (" + condition.getReason() + ")" : "rolling";
        return "rollout: " + state + ": " + condition.getMessage() + "\n";
    }
}
