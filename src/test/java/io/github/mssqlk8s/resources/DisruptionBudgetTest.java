package io.github.mssqlk8s.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.testing.TestLeaseSettings;
import io.github.mssqlk8s.testing.TestResources;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The eviction API refuses (500) to evict a pod that more than one PodDisruptionBudget selects, whatever they allow;
 * so over a namespace where instances are in several AGs, no pod may be selected by two of the operator's budgets.
 */
class DisruptionBudgetTest {

    /** A namespace: mssql1 in ag1 and ag2, mssql2 in ag1, mssql3 in ag2 and ag3, mssql4 alone (no AG). */
    private static final List<SqlServer> NAMESPACE = List.of(
            TestResources.sqlServer("mssql1", "ns1", AvailabilityGroupRef.named("ag1"), AvailabilityGroupRef.named("ag2")),
            TestResources.sqlServer("mssql2", "ns1", AvailabilityGroupRef.named("ag1")),
            TestResources.sqlServer("mssql3", "ns1", AvailabilityGroupRef.named("ag2"), AvailabilityGroupRef.named("ag3")),
            TestResources.sqlServer("mssql4", "ns1"));

    /** Every budget the operator makes for this namespace, as each member's reconcile would (one name, one object). */
    private static Map<String, PodDisruptionBudget> budgets() {
        Map<String, PodDisruptionBudget> budgets = new HashMap<>();
        List<SqlServer> members = NAMESPACE.stream().filter(r -> !r.getSpec().getAvailabilityGroups().isEmpty()).toList();
        for (SqlServer member : members) {
            PodDisruptionBudget budget = AvailabilityGroupObjects.membersDisruptionBudget("ns1", members);
            budgets.put(budget.getMetadata().getName(), budget);
        }
        return budgets;
    }

    /** The running pod's labels: the template's, then what the operator and the agents add. */
    private static Map<String, String> runningPodLabels(SqlServer resource) {
        Map<String, String> labels = new HashMap<>(InstanceStatefulSet.desired(resource, TestLeaseSettings.defaults())
                .getSpec().getTemplate().getMetadata().getLabels());
        labels.putAll(InstancePodLabels.wanted(resource));
        resource.getSpec().getAvailabilityGroups().forEach(ref -> labels.put(Labels.role(ref.getName()), "secondary"));
        return labels;
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        boolean matchLabels = selector.getMatchLabels() == null
                || labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
        return matchLabels && selector.getMatchExpressions().stream().allMatch(expression -> matches(expression, labels));
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        return switch (requirement.getOperator()) {
            case "Exists" -> labels.containsKey(requirement.getKey());
            case "DoesNotExist" -> !labels.containsKey(requirement.getKey());
            case "In" -> requirement.getValues().contains(labels.get(requirement.getKey()));
            case "NotIn" -> !requirement.getValues().contains(labels.get(requirement.getKey()));
            default -> throw new IllegalArgumentException(requirement.getOperator());
        };
    }

    @Test
    void noPodIsSelectedByTwoBudgetsAndEveryAgMemberByOne() {
        Map<String, PodDisruptionBudget> budgets = budgets();
        for (SqlServer resource : NAMESPACE) {
            Map<String, String> pod = runningPodLabels(resource);
            long selecting = budgets.values().stream().filter(budget -> selects(budget.getSpec().getSelector(), pod)).count();
            boolean inAnAg = !resource.getSpec().getAvailabilityGroups().isEmpty();
            assertThat(selecting).as(resource.getMetadata().getName()).isEqualTo(inAnAg ? 1 : 0);
        }
    }

    @Test
    void aDrainTakesDownAtMostOneMemberOfAnyAgAndJobPodsAreNotCounted() {
        PodDisruptionBudget budget = budgets().values().iterator().next();
        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(budget.getMetadata().getOwnerReferences()).extracting(owner -> owner.getName())
                .containsExactly("mssql1", "mssql2", "mssql3");
        ObjectMeta jobPod = InitSqlJob.desired(NAMESPACE.get(0)).getSpec().getTemplate().getMetadata();
        assertThat(selects(budget.getSpec().getSelector(), jobPod.getLabels())).isFalse();
    }
}
