package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.resources.AvailabilityGroupObjects;
import io.github.mssqlk8s.resources.Components;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The routing Services each AG shares among its members, and the namespace's disruption budget over all AG
 * members. They are not dependents of one resource: every member owns them, so they outlive any single member. A
 * same-named object the operator did not create (a user's {@code ag1-primary} from the preview) is left alone.
 *
 * <p>Members of one AG are reconciled in parallel, so the owner list is edited without losing another member's
 * entry: a member only ever adds itself and the members it sees, or removes itself; each edit is an update with
 * the read resourceVersion, retried from a fresh read on a conflict; a delete carries the read resourceVersion as
 * a precondition, so a member that joined since the read keeps its route.
 */
class SharedAvailabilityGroupObjects {

    /** Conflicts in a row before giving up until the next reconcile (JOSDK retries a failed one). */
    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;

    SharedAvailabilityGroupObjects(KubernetesClient client) {
        this.client = client;
    }

    /** Names of objects left alone because someone else owns them (for the status). */
    List<String> reconcile(SqlServer self, List<SqlServer> namespaceResources) {
        String namespace = self.getMetadata().getNamespace();
        List<HasMetadata> desired = new ArrayList<>();
        for (AvailabilityGroupRef group : self.getSpec().getAvailabilityGroups()) {
            List<SqlServer> members = membersOf(group.getName(), self, namespaceResources);
            desired.add(AvailabilityGroupObjects.primaryService(group.getName(), namespace, members));
            desired.add(AvailabilityGroupObjects.secondaryService(group.getName(), namespace, members));
        }
        if (!self.getSpec().getAvailabilityGroups().isEmpty()) {
            desired.add(AvailabilityGroupObjects.membersDisruptionBudget(namespace, membersOfAny(self, namespaceResources)));
        }
        List<String> leftAlone = desired.stream()
                .filter(object -> !ensure(object))
                .map(object -> object.getKind() + " " + object.getMetadata().getName())
                .toList();
        Set<String> listed = self.getSpec().getAvailabilityGroups().stream().map(AvailabilityGroupRef::getName)
                .collect(Collectors.toSet());
        release(self, listed);
        deleteLegacyBudgets(namespace);
        return leftAlone;
    }

    /** Takes this resource out of the owners of every shared object (it is being deleted). */
    void releaseAll(SqlServer self) {
        release(self, Set.of());
    }

    static List<SqlServer> membersOf(String group, SqlServer self, List<SqlServer> namespaceResources) {
        return members(self, namespaceResources, other -> other.getSpec().getAvailabilityGroups().stream()
                .anyMatch(ref -> group.equals(ref.getName())));
    }

    private static List<SqlServer> membersOfAny(SqlServer self, List<SqlServer> namespaceResources) {
        return members(self, namespaceResources, other -> !other.getSpec().getAvailabilityGroups().isEmpty());
    }

    private static List<SqlServer> members(SqlServer self, List<SqlServer> namespaceResources,
            java.util.function.Predicate<SqlServer> isMember) {
        List<SqlServer> members = new ArrayList<>();
        members.add(self);
        namespaceResources.stream()
                .filter(other -> !Names.instance(other).equals(Names.instance(self)))
                .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
                .filter(isMember)
                .forEach(members::add);
        return members;
    }

    /** Creates the object or adds the missing owners to it; false when a same-named object is not ours. */
    private boolean ensure(HasMetadata desired) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            HasMetadata existing = client.resource(desired).get();
            if (existing == null) {
                if (succeeded(() -> client.resource(desired).create())) {
                    return true;
                }
                continue; // another member created it a moment ago: take it from there
            }
            if (!isOurs(existing)) {
                return false;
            }
            List<OwnerReference> owners = new ArrayList<>(existing.getMetadata().getOwnerReferences());
            Set<String> present = uids(owners);
            desired.getMetadata().getOwnerReferences().stream()
                    .filter(owner -> !present.contains(owner.getUid()))
                    .forEach(owners::add);
            if (owners.size() == present.size()) {
                return true;
            }
            existing.getMetadata().setOwnerReferences(owners);
            if (succeeded(() -> client.resource(existing).update())) {
                return true;
            }
        }
        throw kept(desired);
    }

    private void release(SqlServer self, Set<String> stillListed) {
        String uid = self.getMetadata().getUid();
        String namespace = self.getMetadata().getNamespace();
        Stream.<HasMetadata>concat(
                client.services().inNamespace(namespace).withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_US)
                        .list().getItems().stream()
                        .filter(service -> service.getMetadata().getLabels()
                                .containsKey(AvailabilityGroupObjects.AVAILABILITY_GROUP_LABEL))
                        .filter(service -> !stillListed.contains(service.getMetadata().getLabels()
                                .get(AvailabilityGroupObjects.AVAILABILITY_GROUP_LABEL))),
                stillListed.isEmpty() ? Stream.ofNullable(client.policy().v1().podDisruptionBudget().inNamespace(namespace)
                        .withName(Names.availabilityGroupMembersDisruptionBudget()).get()).filter(SharedAvailabilityGroupObjects::isOurs)
                        : Stream.empty())
                .filter(object -> uids(object.getMetadata().getOwnerReferences()).contains(uid))
                .forEach(object -> releaseOne(object, uid));
    }

    /**
     * Removes one owner from a fresh read of {@code seen} (a list result, possibly old), reading again after a
     * conflict; the last owner deletes the object, on the condition that nobody changed it since that read.
     */
    void releaseOne(HasMetadata seen, String uid) {
        HasMetadata object = client.resource(seen).get();
        for (int attempt = 0; object != null && uids(object.getMetadata().getOwnerReferences()).contains(uid); attempt++) {
            if (attempt == ATTEMPTS) {
                throw kept(seen);
            }
            HasMetadata current = object;
            List<OwnerReference> remaining = current.getMetadata().getOwnerReferences().stream()
                    .filter(owner -> !uid.equals(owner.getUid()))
                    .toList();
            boolean done;
            if (remaining.isEmpty()) {
                done = succeeded(() -> client.resource(current).lockResourceVersion(current.getMetadata().getResourceVersion())
                        .delete());
            } else {
                current.getMetadata().setOwnerReferences(remaining);
                done = succeeded(() -> client.resource(current).update());
            }
            if (done) {
                return;
            }
            object = client.resource(seen).get();
        }
    }

    /** Earlier versions made one budget per AG ({@code <ag>-members}); two of them over one pod block its eviction. */
    private void deleteLegacyBudgets(String namespace) {
        client.policy().v1().podDisruptionBudget().inNamespace(namespace)
                .withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_US)
                .withLabel(Labels.COMPONENT, Components.DISRUPTION_BUDGET)
                .list().getItems().stream()
                .filter(budget -> budget.getMetadata().getLabels().containsKey(AvailabilityGroupObjects.AVAILABILITY_GROUP_LABEL))
                .forEach(this::deleteUnchanged);
    }

    private void deleteUnchanged(PodDisruptionBudget budget) {
        succeeded(() -> client.resource(budget).lockResourceVersion(budget.getMetadata().getResourceVersion()).delete());
    }

    /**
     * Runs a write; false when the server answered 409 (changed or created since the read) or 404 (deleted since),
     * so the caller reads again.
     */
    private static boolean succeeded(Runnable write) {
        try {
            write.run();
            return true;
        } catch (KubernetesClientException conflict) {
            if (conflict.getCode() != HttpURLConnection.HTTP_CONFLICT && conflict.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw conflict;
            }
            return false;
        }
    }

    private static IllegalStateException kept(HasMetadata object) {
        return new IllegalStateException(object.getKind() + " " + object.getMetadata().getName() + " kept changing under "
                + ATTEMPTS + " owner edits; retried with the next reconcile.");
    }

    private static boolean isOurs(HasMetadata object) {
        return object.getMetadata().getLabels() != null
                && Labels.MANAGED_BY_US.equals(object.getMetadata().getLabels().get(Labels.MANAGED_BY));
    }

    private static Set<String> uids(List<OwnerReference> owners) {
        return owners == null ? Set.of() : owners.stream().map(OwnerReference::getUid).collect(Collectors.toSet());
    }
}
