package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the rollout planner looks at, gathered by the operator in one pass over all instances of a
 * namespace (an instance in several AGs is one {@link RolloutInstance} and one {@link RolloutMember} per AG).
 *
 * @param instances   every instance, also those in no AG
 * @param ags         every AG with at least one member among {@code instances}
 * @param lastStepAt  when the operator last carried out a step of this rollout (its own clock); null when it
 *                    has carried none out since the rollout began
 * @param settleBound how long a member may take to come back caught up after a step before the rollout
 *                    pauses (default {@link #DEFAULT_SETTLE_BOUND})
 */
public record RolloutSnapshot(List<RolloutInstance> instances, List<RolloutAg> ags, Instant lastStepAt,
                              Duration settleBound) {

    public static final Duration DEFAULT_SETTLE_BOUND = Duration.ofMinutes(10);

    public RolloutSnapshot {
        instances = List.copyOf(instances);
        ags = List.copyOf(ags);
        Objects.requireNonNull(settleBound, "settleBound");
        Map<String, RolloutInstance> byName = byName(instances);
        for (RolloutAg ag : ags) {
            for (RolloutMember m : ag.members()) {
                if (!byName.containsKey(m.instance())) {
                    throw new IllegalArgumentException(ag.name() + " lists " + m.instance() + ", which is no instance");
                }
            }
        }
    }

    public Map<String, RolloutInstance> instancesByName() {
        return byName(instances);
    }

    /** The AGs {@code instance} is a member of. */
    public List<RolloutAg> agsOf(String instance) {
        return ags.stream().filter(ag -> ag.member(instance).isPresent()).toList();
    }

    private static Map<String, RolloutInstance> byName(List<RolloutInstance> instances) {
        return instances.stream().collect(Collectors.toMap(RolloutInstance::name, Function.identity()));
    }
}
