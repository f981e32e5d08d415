package io.github.mssqlk8s.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.ha.AvailabilityMode;
import io.github.mssqlk8s.ha.Member;
import io.github.mssqlk8s.ha.ReplicaId;
import io.github.mssqlk8s.naming.Names;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The desired membership of an AG: the SqlServer resources of the namespace that list it, each with the mode it
 * asks for (string entries are synchronous commit), and the names every replica answers to.
 */
public class AgMembers {

    private final KubernetesClient client;
    private final String namespace;
    private final String availabilityGroup;

    public AgMembers(KubernetesClient client, String namespace, String availabilityGroup) {
        this.client = client;
        this.namespace = namespace;
        this.availabilityGroup = availabilityGroup;
    }

    /** One read of the namespace's SqlServers. Throws when the API cannot be read. */
    public Listing list() {
        List<SqlServer> all = client.resources(SqlServer.class).inNamespace(namespace).list().getItems();
        return new Listing(all, availabilityGroup, namespace);
    }

    /** The namespace's SqlServers as read once. */
    public record Listing(List<SqlServer> resources, String availabilityGroup, String namespace) {

        public Listing {
            resources = List.copyOf(resources);
        }

        public Optional<SqlServer> resource(String name) {
            return resources.stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
        }

        /** The members of the AG, sorted by name. */
        public List<Member> members() {
            return resources.stream()
                    .filter(r -> r.getMetadata().getDeletionTimestamp() == null)
                    .flatMap(r -> entry(r, availabilityGroup).map(e -> new Member(replicaId(r.getMetadata().getName(), namespace),
                            mode(e.effectiveMode()))).stream())
                    .sorted(Comparator.comparing(Member::name))
                    .toList();
        }

        /** Whether the resource {@code name} exists and lists the AG. */
        public boolean lists(String name) {
            return resource(name).flatMap(r -> entry(r, availabilityGroup)).isPresent();
        }
    }

    /** Every name of the replica of SqlServer {@code name}: its pod is also its server and host name. */
    public static ReplicaId replicaId(String name, String namespace) {
        String pod = Names.pod(name);
        return new ReplicaId(name, pod, pod, null, name, Names.endpointHost(name, namespace));
    }

    public static AvailabilityMode mode(io.github.mssqlk8s.api.AvailabilityMode mode) {
        return switch (mode) {
            case SYNCHRONOUS_COMMIT -> AvailabilityMode.SYNCHRONOUS_COMMIT;
            case ASYNCHRONOUS_COMMIT -> AvailabilityMode.ASYNCHRONOUS_COMMIT;
            case CONFIGURATION_ONLY -> AvailabilityMode.CONFIGURATION_ONLY;
        };
    }

    public static io.github.mssqlk8s.api.AvailabilityMode manifestMode(AvailabilityMode mode) {
        return switch (mode) {
            case SYNCHRONOUS_COMMIT -> io.github.mssqlk8s.api.AvailabilityMode.SYNCHRONOUS_COMMIT;
            case ASYNCHRONOUS_COMMIT -> io.github.mssqlk8s.api.AvailabilityMode.ASYNCHRONOUS_COMMIT;
            case CONFIGURATION_ONLY -> io.github.mssqlk8s.api.AvailabilityMode.CONFIGURATION_ONLY;
        };
    }

    private static Optional<AvailabilityGroupRef> entry(SqlServer resource, String availabilityGroup) {
        if (resource.getSpec() == null) {
            return Optional.empty();
        }
        return resource.getSpec().getAvailabilityGroups().stream()
                .filter(ref -> availabilityGroup.equals(ref.getName())).findFirst();
    }
}
