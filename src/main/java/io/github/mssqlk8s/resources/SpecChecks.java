package io.github.mssqlk8s.resources;

import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.AvailabilityMode;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.api.SqlServerSpec;
import io.github.mssqlk8s.naming.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks beyond the CRD schema (which an old or hand-applied CRD may not enforce): one resource on its own, and
 * each AG as all its members list it, against SQL Server's limits for availability groups.
 */
public final class SpecChecks {

    /** SQL Server: one primary and up to eight secondaries. */
    static final int MAX_REPLICAS = 9;
    /** SQL Server 2019 and later: up to five synchronous-commit replicas, the primary included. */
    static final int MAX_SYNCHRONOUS_REPLICAS = 5;

    private SpecChecks() {
    }

    public static List<SpecProblem> ofResource(SqlServer sqlServer) {
        SqlServerSpec spec = sqlServer.getSpec();
        String name = Names.instance(sqlServer);
        List<SpecProblem> problems = new ArrayList<>();
        if (!Boolean.TRUE.equals(spec.getAcceptEula())) {
            problems.add(new SpecProblem("EulaNotAccepted",
                    "spec.acceptEula must be true: SQL Server does not start until its licence is accepted."));
        }
        if (!ApiValidation.isDns1035Label(name)) {
            problems.add(new SpecProblem("InvalidName", "The name '" + name + "' must start with a letter and hold only"
                    + " lowercase letters, digits and '-' (no dots): it names the instance's Services and its pod's host name."));
        }
        if (name.length() > Names.MAX_INSTANCE_NAME_LENGTH) {
            problems.add(new SpecProblem("NameTooLong", "The name '" + name + "' has " + name.length()
                    + " characters; SQL Server's server name is the host name " + Names.pod(name) + ", which may have at most "
                    + Names.MAX_HOST_NAME_LENGTH + ", so the name may have at most " + Names.MAX_INSTANCE_NAME_LENGTH + "."));
        }
        if ((spec.getInstanceRootVolumeClaimTemplate() == null) == (spec.getInstanceRootVolume() == null)) {
            problems.add(new SpecProblem("DataVolumeUnclear",
                    "Set exactly one of spec.instanceRootVolumeClaimTemplate and spec.instanceRootVolume."));
        }
        problems.addAll(PodTemplateChecks.of(spec));
        Set<String> seen = new HashSet<>();
        for (AvailabilityGroupRef group : spec.getAvailabilityGroups()) {
            String groupName = group.getName();
            if (group.getInvalidItem() != null) {
                problems.add(new SpecProblem("InvalidAvailabilityGroup", "The availabilityGroups item " + group.getInvalidItem()
                        + " is neither an AG name nor {name, availabilityMode} with a mode of synchronousCommit,"
                        + " asynchronousCommit or configurationOnly."));
            } else if (groupName == null || !groupName.matches(AvailabilityGroupRef.NAME_PATTERN)) {
                problems.add(new SpecProblem("InvalidAvailabilityGroupName", "The availability group name '" + groupName
                        + "' is not a lowercase DNS label of at most 53 characters; it names Services and a ConfigMap."));
            } else if (!seen.add(groupName)) {
                problems.add(new SpecProblem("DuplicateAvailabilityGroup",
                        "The availability group '" + groupName + "' is listed twice."));
            }
        }
        return problems;
    }

    /**
     * Problems of the AGs this resource lists, judged with every resource of the namespace that lists them
     * ({@code namespaceResources} may include this one).
     */
    public static List<SpecProblem> ofAvailabilityGroups(SqlServer sqlServer, List<SqlServer> namespaceResources) {
        List<SpecProblem> problems = new ArrayList<>();
        for (AvailabilityGroupRef group : sqlServer.getSpec().getAvailabilityGroups()) {
            if (group.getName() == null) {
                continue; // an odd item: ofResource reports it
            }
            List<Member> members = members(group.getName(), sqlServer, namespaceResources);
            List<String> configurationOnly = namesWithMode(members, AvailabilityMode.CONFIGURATION_ONLY);
            List<String> synchronous = namesWithMode(members, AvailabilityMode.SYNCHRONOUS_COMMIT);
            if (configurationOnly.size() > 1) {
                problems.add(conflict(group, "has " + configurationOnly.size() + " configuration-only replicas "
                        + configurationOnly + "; SQL Server allows one."));
            }
            if (synchronous.size() > MAX_SYNCHRONOUS_REPLICAS) {
                problems.add(conflict(group, "has " + synchronous.size() + " synchronous-commit replicas " + synchronous
                        + "; SQL Server allows " + MAX_SYNCHRONOUS_REPLICAS + "."));
            }
            if (members.size() > MAX_REPLICAS) {
                problems.add(conflict(group, "has " + members.size() + " replicas; SQL Server allows " + MAX_REPLICAS + "."));
            }
            if (members.size() == configurationOnly.size()) {
                problems.add(conflict(group, "has only configuration-only replicas; one must be able to hold data."));
            }
        }
        return problems;
    }

    private record Member(String name, AvailabilityMode mode) {
    }

    private static List<Member> members(String group, SqlServer self, List<SqlServer> namespaceResources) {
        List<SqlServer> all = new ArrayList<>(namespaceResources);
        if (all.stream().noneMatch(other -> Names.instance(other).equals(Names.instance(self)))) {
            all.add(self);
        }
        List<Member> members = new ArrayList<>();
        for (SqlServer resource : all) {
            // This resource as it is now, the others as the cache last saw them.
            SqlServer current = Names.instance(resource).equals(Names.instance(self)) ? self : resource;
            current.getSpec().getAvailabilityGroups().stream()
                    .filter(ref -> group.equals(ref.getName()))
                    .findFirst()
                    .ifPresent(ref -> members.add(new Member(Names.instance(current), ref.effectiveMode())));
        }
        return members;
    }

    private static List<String> namesWithMode(List<Member> members, AvailabilityMode mode) {
        return members.stream().filter(member -> member.mode() == mode).map(Member::name).sorted().toList();
    }

    private static SpecProblem conflict(AvailabilityGroupRef group, String sentence) {
        return new SpecProblem("AvailabilityGroupConflict", "The availability group '" + group.getName() + "' " + sentence);
    }
}
