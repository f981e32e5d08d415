package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.resources.AvailabilityGroupObjects;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The routing Services and disruption budget each AG shares among its members. They are not dependents of one
 * resource: every member owns them, so they outlive any single member. A same-named object the operator did
 * not create (a user's {@code ag1-primary} from the preview) is left alone.
 */
class SharedAvailabilityGroupObjects {

    private final KubernetesClient client;

    SharedAvailabilityGroupObjects(KubernetesClient client) {
        this.client = client;
    }

    /** Names of objects left alone because someone else owns them (for the status). */
    List<String> reconcile(SqlServer self, List<SqlServer> namespaceResources) {
        String namespace = self.getMetadata().getNamespace();
        List<String> leftAlone = new ArrayList<>();
        for (AvailabilityGroupRef group : self.getSpec().getAvailabilityGroups()) {
            List<SqlServer> members = membersOf(group.getName(), self, namespaceResources);
            Stream.of(
                    AvailabilityGroupObjects.primaryService(group.getName(), namespace, members),
                    AvailabilityGroupObjects.secondaryService(group.getName(), namespace, members),
                    AvailabilityGroupObjects.disruptionBudget(group.getName(), namespace, members))
                    .filter(desired -> !ensure(desired))
                    .forEach(desired -> leftAlone.add(desired.getKind() + " " + desired.getMetadata().getName()));
        }
        Set<String> listed = self.getSpec().getAvailabilityGroups().stream().map(AvailabilityGroupRef::getName)
                .collect(Collectors.toSet());
        release(self, listed);
        return leftAlone;
    }

    /** Takes this resource out of the owners of every shared object (it is being deleted). */
    void releaseAll(SqlServer self) {
        release(self, Set.of());
    }

    static List<SqlServer> membersOf(String group, SqlServer self, List<SqlServer> namespaceResources) {
        List<SqlServer> members = new ArrayList<>();
        members.add(self);
        namespaceResources.stream()
                .filter(other -> !Names.instance(other).equals(Names.instance(self)))
                .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
                .filter(other -> other.getSpec().getAvailabilityGroups().stream().anyMatch(ref -> group.equals(ref.getName())))
                .forEach(members::add);
        return members;
    }

    /** Creates or re-owns one object; false when a same-named object is not ours. */
    private boolean ensure(HasMetadata desired) {
        HasMetadata existing = client.resource(desired).get();
        if (existing == null) {
            try {
                client.resource(desired).create();
                return true;
            } catch (KubernetesClientException conflict) {
                if (conflict.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw conflict;
                }
                // Another member created it a moment ago: take it from there.
                existing = client.resource(desired).get();
            }
        }
        if (!isOurs(existing)) {
            return false;
        }
        List<OwnerReference> owners = desired.getMetadata().getOwnerReferences();
        if (!Objects.equals(uids(existing.getMetadata().getOwnerReferences()), uids(owners))) {
            client.resource(existing).edit(current -> {
                current.getMetadata().setOwnerReferences(owners);
                return current;
            });
        }
        return true;
    }

    private void release(SqlServer self, Set<String> stillListed) {
        String uid = self.getMetadata().getUid();
        Stream.<HasMetadata>concat(
                client.services().inNamespace(self.getMetadata().getNamespace()).withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_US)
                        .list().getItems().stream(),
                client.policy().v1().podDisruptionBudget().inNamespace(self.getMetadata().getNamespace())
                        .withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_US).list().getItems().stream())
                .filter(object -> object.getMetadata().getLabels().containsKey(AvailabilityGroupObjects.AVAILABILITY_GROUP_LABEL))
                .filter(object -> !stillListed.contains(
                        object.getMetadata().getLabels().get(AvailabilityGroupObjects.AVAILABILITY_GROUP_LABEL)))
                .filter(object -> uids(object.getMetadata().getOwnerReferences()).contains(uid))
                .forEach(object -> releaseOne(object, uid));
    }

    private void releaseOne(HasMetadata object, String uid) {
        List<OwnerReference> remaining = object.getMetadata().getOwnerReferences().stream()
                .filter(owner -> !uid.equals(owner.getUid()))
                .toList();
        if (remaining.isEmpty()) {
            client.resource(object).delete();
        } else {
            client.resource(object).edit(current -> {
                current.getMetadata().setOwnerReferences(remaining);
                return current;
            });
        }
    }

    private static boolean isOurs(HasMetadata object) {
        return object.getMetadata().getLabels() != null
                && Labels.MANAGED_BY_US.equals(object.getMetadata().getLabels().get(Labels.MANAGED_BY));
    }

    private static Set<String> uids(List<OwnerReference> owners) {
        return owners == null ? Set.of() : owners.stream().map(OwnerReference::getUid).collect(Collectors.toSet());
    }
}
