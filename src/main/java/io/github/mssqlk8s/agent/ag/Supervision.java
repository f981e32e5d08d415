package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.ha.Durations;
import io.github.mssqlk8s.kube.AvailabilityGroupsListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;

/**
 * One SqlServer's supervision: follows its AG list with one child per AG and answers for them. A resource that
 * cannot be read leaves the children as they are (the API server being away is no reason to stop replicas); a
 * resource that is gone stops them all.
 */
final class Supervision implements AvailabilityGroupsListener {

    static final String CHECK_NAME = "ag-agent-supervisor";

    private static final Logger LOG = Logger.getLogger(Supervision.class);

    private final String sqlServer;
    private final ChildProcesses children;

    // Guarded by this.
    private String resourceState = "not read yet";
    private boolean resourceRead;
    private String lastProblem;

    /** {@code sqlServer}: namespace/name, for logs and health data. */
    Supervision(String sqlServer, ChildProcesses children) {
        this.sqlServer = sqlServer;
        this.children = children;
    }

    @Override
    public synchronized void listed(List<String> groups) {
        if (!resourceRead || !groups.equals(children.listed())) {
            LOG.infof("SqlServer %s lists the AGs %s", sqlServer, groups);
        }
        resourceState = "read";
        resourceRead = true;
        lastProblem = null;
        children.list(groups);
    }

    @Override
    public synchronized void missing(String why) {
        if (!why.equals(resourceState)) {
            LOG.infof("SqlServer %s: %s; %s", sqlServer, why,
                    children.statuses().isEmpty() ? "waiting for it" : "stopping every ag-agent");
        }
        resourceState = why;
        resourceRead = false;
        children.list(List.of());
    }

    @Override
    public synchronized void unreadable(String problem) {
        if (!problem.equals(lastProblem)) {
            LOG.warnf("Cannot read SqlServer %s: %s; retrying, ag-agents keep running", sqlServer, problem);
            lastProblem = problem;
        }
        resourceState = "unreadable: " + problem;
    }

    CompletableFuture<Void> stopAll() {
        return children.stopAll();
    }

    /** Up when the resource was read and every AG it lists has a running child; the data says child by child. */
    synchronized HealthCheckResponse readiness() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(CHECK_NAME)
                .withData("sqlServer", sqlServer)
                .withData("resource", resourceState);
        List<ChildStatus> statuses = children.statuses();
        for (ChildStatus child : statuses) {
            String key = child.group() + ".";
            response.withData(key + "state", child.state().label());
            child.pid().ifPresent(pid -> response.withData(key + "pid", pid));
            response.withData(key + "restarts", child.restarts());
            child.lastExitCode().ifPresent(code -> response.withData(key + "lastExitCode", code));
            if (child.state() == ChildState.RESTARTING) {
                response.withData(key + "restartDelay", Durations.format(child.restartDelay()));
            }
        }
        Set<String> running = statuses.stream().filter(child -> child.state() == ChildState.RUNNING)
                .map(ChildStatus::group).collect(Collectors.toSet());
        return response.status(resourceRead && running.containsAll(children.listed())).build();
    }

    List<ChildStatus> statuses() {
        return children.statuses();
    }
}
