package io.github.mssqlk8s.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SqlServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;

/**
 * Watches one SqlServer by name (not every SqlServer of the namespace) and reports only what an agent acts on:
 * the names in its {@code availabilityGroups}. Other edits of the resource are not reported.
 */
@ApplicationScoped
public class SqlServerWatcher {

    @Inject
    KubernetesClient client;

    /** The namespace of the client's context or service account, for agents not told theirs. */
    public String currentNamespace() {
        return client.getNamespace();
    }

    /**
     * Starts watching; closing the result stops it. Failures to read are reported at once and retried by the
     * informer, never thrown.
     */
    public AutoCloseable watchAvailabilityGroups(String namespace, String name, AvailabilityGroupsListener listener) {
        KubernetesClient watchClient = new KubernetesClientBuilder()
                .withConfig(ClusterConnection.failFast(client.getConfiguration())).build();
        SharedIndexInformer<SqlServer> informer = watchClient.resources(SqlServer.class).inNamespace(namespace)
                .withName(name).runnableInformer(0);
        GroupNamesHandler handler = new GroupNamesHandler(listener);
        informer.addEventHandler(handler);
        informer.exceptionHandler((started, failure) -> {
            handler.reportNextEvent();
            listener.unreadable(problem(failure, watchClient));
            return true;
        });
        informer.start().thenRun(() -> handler.firstListDone(informer.getStore().list().isEmpty()));
        return () -> {
            informer.close();
            watchClient.close();
        };
    }

    /** "HTTP 403: sqlservers ... is forbidden" for an API answer; "cannot reach the Kubernetes API ..." otherwise. */
    private static String problem(Throwable failure, KubernetesClient watchClient) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KubernetesClientException answer && answer.getStatus() != null
                    && answer.getStatus().getMessage() != null) {
                return "HTTP " + answer.getCode() + ": " + answer.getStatus().getMessage();
            }
        }
        return "cannot reach the Kubernetes API at " + watchClient.getConfiguration().getMasterUrl() + ": "
                + ClusterConnection.rootMessage(failure);
    }

    private static List<String> groupNames(SqlServer sqlServer) {
        if (sqlServer.getSpec() == null) {
            return List.of();
        }
        return sqlServer.getSpec().getAvailabilityGroups().stream()
                .map(AvailabilityGroupRef::getName)
                .filter(Objects::nonNull)
                .toList();
    }

    /**
     * Turns informer events into listener calls. Synchronized: the informer delivers events one at a time, but
     * the end of the first list arrives on another thread and must not overtake an event.
     */
    private static final class GroupNamesHandler implements ResourceEventHandler<SqlServer> {

        private final AvailabilityGroupsListener listener;
        private List<String> lastListed;
        private boolean seen;

        GroupNamesHandler(AvailabilityGroupsListener listener) {
            this.listener = listener;
        }

        @Override
        public synchronized void onAdd(SqlServer sqlServer) {
            report(sqlServer);
        }

        @Override
        public synchronized void onUpdate(SqlServer before, SqlServer after) {
            report(after);
        }

        @Override
        public synchronized void onDelete(SqlServer sqlServer, boolean finalStateUnknown) {
            lastListed = null;
            listener.missing("deleted");
        }

        /** Says "not found" unless the resource was listed or has been reported already. */
        synchronized void firstListDone(boolean nothingListed) {
            if (nothingListed && !seen) {
                listener.missing("not found");
            }
        }

        /** After a failure the listener thinks the resource unreadable: the next event confirms the list. */
        synchronized void reportNextEvent() {
            lastListed = null;
        }

        private void report(SqlServer sqlServer) {
            seen = true;
            List<String> groups = groupNames(sqlServer);
            if (!groups.equals(lastListed)) {
                lastListed = groups;
                listener.listed(groups);
            }
        }
    }
}
