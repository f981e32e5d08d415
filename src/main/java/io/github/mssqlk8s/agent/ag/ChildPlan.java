package io.github.mssqlk8s.agent.ag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which children to start and stop so that exactly the listed AGs have one. An AG listed again while its old
 * child is still stopping waits for that child to be gone: two agents for one replica must never overlap.
 *
 * @param toStart listed AGs without a child, in list order
 * @param toStop AGs whose running child is no longer listed, sorted
 * @param waiting listed AGs whose previous child is still stopping; they start once it has exited
 */
record ChildPlan(List<String> toStart, List<String> toStop, List<String> waiting) {

    static ChildPlan of(Collection<String> listed, Set<String> running, Set<String> stopping) {
        Set<String> wanted = new LinkedHashSet<>(listed);
        List<String> toStart = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (String group : wanted) {
            if (stopping.contains(group)) {
                waiting.add(group);
            } else if (!running.contains(group)) {
                toStart.add(group);
            }
        }
        List<String> toStop = running.stream().filter(group -> !wanted.contains(group)).sorted().toList();
        return new ChildPlan(List.copyOf(toStart), toStop, List.copyOf(waiting));
    }
}
