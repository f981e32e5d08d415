package io.github.mssqlk8s.ha;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The difference between the desired membership (SqlServer resources listing the AG) and the AG as
 * configured, as the changes the primary must make. The primary's own entry is never removed or
 * modified (that needs a failover first). A switch to or from CONFIGURATION_ONLY cannot be done with
 * MODIFY: the replica is removed, and added back with its new mode on a later tick.
 */
public final class MembershipPlan {

    private MembershipPlan() {
    }

    public static List<MembershipChange> changes(List<Member> desired, List<ConfiguredReplica> configured,
                                                 String primaryReplicaServerName) {
        Map<String, Member> wanted = desired.stream()
                .collect(Collectors.toMap(m -> m.id().replicaServerName(), Function.identity(), (a, b) -> a));
        Map<String, ConfiguredReplica> present = configured.stream()
                .collect(Collectors.toMap(ConfiguredReplica::replicaServerName, Function.identity(), (a, b) -> a));
        List<MembershipChange> changes = new ArrayList<>();
        for (ConfiguredReplica replica : configured) {
            String name = replica.replicaServerName();
            if (name.equals(primaryReplicaServerName)) {
                continue;
            }
            Member member = wanted.get(name);
            if (member == null) {
                changes.add(MembershipChange.remove(name));
            } else if (member.mode() != replica.mode()) {
                boolean configurationOnlySwitch = member.mode() == AvailabilityMode.CONFIGURATION_ONLY
                        || replica.mode() == AvailabilityMode.CONFIGURATION_ONLY;
                changes.add(configurationOnlySwitch ? MembershipChange.remove(name) : MembershipChange.modify(member));
            }
        }
        for (Member member : desired) {
            if (!present.containsKey(member.id().replicaServerName())) {
                changes.add(MembershipChange.add(member));
            }
        }
        changes.sort(Comparator.comparing(MembershipChange::kind).thenComparing(MembershipChange::replicaServerName));
        return changes;
    }
}
