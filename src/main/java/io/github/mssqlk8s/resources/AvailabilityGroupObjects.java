package io.github.mssqlk8s.resources;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.naming.Ports;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Objects shared among members: each AG's routing Services users' clients connect to, and the namespace's
 * disruption budget over every AG member. Every member is an owner, so they live until the last member is gone.
 */
public final class AvailabilityGroupObjects {

    /** The label marking an object as belonging to one AG. */
    public static final String AVAILABILITY_GROUP_LABEL = "mssql.microsoft.com/availability-group";

    private AvailabilityGroupObjects() {
    }

    /** {@code <ag>-primary}: the pod the agents label primary (contract §2). */
    public static Service primaryService(String availabilityGroup, String namespace, List<SqlServer> members) {
        return routingService(Names.primaryService(availabilityGroup), availabilityGroup, Labels.ROLE_PRIMARY, namespace, members);
    }

    /** {@code <ag>-secondary}: every pod the agents label secondary, for read-only work. */
    public static Service secondaryService(String availabilityGroup, String namespace, List<SqlServer> members) {
        return routingService(Names.secondaryService(availabilityGroup), availabilityGroup, Labels.ROLE_SECONDARY, namespace, members);
    }

    /**
     * One budget for the namespace over the pod of every instance that lists an AG: a drain (or the autoscaler)
     * takes down at most one of them at a time. Per-AG budgets would select an instance in two AGs twice, and the
     * eviction API refuses to evict a pod under two budgets (500) whatever they allow. An instance without AGs is not
     * selected: a budget over a single pod would block every drain of its node.
     */
    public static PodDisruptionBudget membersDisruptionBudget(String namespace, List<SqlServer> members) {
        return new PodDisruptionBudgetBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(Names.availabilityGroupMembersDisruptionBudget())
                        .withNamespace(namespace)
                        .addToLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_US)
                        .addToLabels(Labels.COMPONENT, Components.DISRUPTION_BUDGET)
                        .withOwnerReferences(owners(members))
                        .build())
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector()
                .addToMatchLabels(Labels.TYPE, Labels.TYPE_SQL_SERVER)
                .addToMatchLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_US)
                .addToMatchLabels(Labels.AVAILABILITY_GROUP_MEMBER, "true")
                .endSelector()
                .endSpec()
                .build();
    }

    /** References to every member, in a stable order so an unchanged membership gives an unchanged object. */
    public static List<OwnerReference> owners(List<SqlServer> members) {
        return members.stream()
                .sorted(Comparator.comparing(member -> member.getMetadata().getName()))
                .map(Ownership::sharedOwner)
                .toList();
    }

    private static Service routingService(String name, String availabilityGroup, String role, String namespace,
            List<SqlServer> members) {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(Labels.role(availabilityGroup), role);
        selector.put(Labels.TYPE, Labels.TYPE_SQL_SERVER);
        return new ServiceBuilder()
                .withMetadata(metadata(name, availabilityGroup, Components.ROUTING, namespace, members))
                .withNewSpec()
                .withSelector(selector)
                .withPorts(new ServicePortBuilder().withName("sql").withPort(Ports.SQL).withNewTargetPort(Ports.SQL).build())
                .endSpec()
                .build();
    }

    private static ObjectMeta metadata(String name, String availabilityGroup, String component, String namespace,
            List<SqlServer> members) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(namespace)
                .addToLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_US)
                .addToLabels(Labels.COMPONENT, component)
                .addToLabels(AVAILABILITY_GROUP_LABEL, availabilityGroup)
                .withOwnerReferences(owners(members))
                .build();
    }
}
