package io.github.mssqlk8s.agent.ag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** One child per listed AG: each new list is applied as a {@link ChildPlan}. */
final class ChildProcesses {

    private static final Logger LOG = Logger.getLogger(ChildProcesses.class);

    private final Function<String, SupervisedChild> newChild;
    private final Executor executor;

    // Guarded by this.
    private final Map<String, SupervisedChild> children = new TreeMap<>();
    private List<String> listed = List.of();
    private boolean closed;

    /** {@code executor}: where a stopped child is forgotten, outside the child's own lock. */
    ChildProcesses(Function<String, SupervisedChild> newChild, Executor executor) {
        this.newChild = newChild;
        this.executor = executor;
    }

    synchronized void list(List<String> groups) {
        if (closed) {
            return;
        }
        listed = List.copyOf(groups);
        ChildPlan plan = ChildPlan.of(listed, groupsIn(ChildState.RUNNING, ChildState.RESTARTING),
                groupsIn(ChildState.STOPPING));
        for (String group : plan.toStop()) {
            LOG.infof("AG %s is no longer listed: stopping its ag-agent", group);
            stop(children.get(group));
        }
        for (String group : plan.toStart()) {
            SupervisedChild child = newChild.apply(group);
            children.put(group, child);
            child.start();
        }
        if (!plan.waiting().isEmpty()) {
            LOG.infof("AGs %s are listed again: their ag-agents start once the previous ones have stopped", plan.waiting());
        }
    }

    /** Stops every child and starts none any more; completes when all have exited. */
    synchronized CompletableFuture<Void> stopAll() {
        closed = true;
        List<CompletableFuture<Void>> exits = new ArrayList<>();
        for (SupervisedChild child : children.values()) {
            exits.add(child.stop());
        }
        return CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new));
    }

    synchronized List<ChildStatus> statuses() {
        return children.values().stream().map(SupervisedChild::status).toList();
    }

    synchronized List<String> listed() {
        return listed;
    }

    private void stop(SupervisedChild child) {
        child.stop().thenRunAsync(() -> forget(child), executor);
    }

    private synchronized void forget(SupervisedChild child) {
        if (children.remove(child.group(), child) && !closed) {
            list(listed);
        }
    }

    private Set<String> groupsIn(ChildState... states) {
        Set<ChildState> wanted = Set.of(states);
        return children.values().stream().map(SupervisedChild::status)
                .filter(status -> wanted.contains(status.state()))
                .map(ChildStatus::group)
                .collect(Collectors.toSet());
    }
}
