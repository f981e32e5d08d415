package io.github.mssqlk8s.job.failover;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.mssqlk8s.config.FailoverSettings;
import io.github.mssqlk8s.ha.DataLossEstimate;
import io.github.mssqlk8s.ha.FailoverProgress;
import io.github.mssqlk8s.ha.FailoverRequestResolver;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.kube.AgConfigMap;
import io.github.mssqlk8s.kube.AgConfigMapState;
import io.github.mssqlk8s.kube.AgPods;
import io.github.mssqlk8s.kube.ClusterConnection;
import io.github.mssqlk8s.kube.FailoverOutcomeEntry;
import io.github.mssqlk8s.kube.FailoverRequestEntry;
import io.github.mssqlk8s.kube.FailoverRequestWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;

/**
 * A manual failover from request to outcome, for the failover Job and for {@code kubectl mssql failover}: find the
 * AG, resolve the target from the agents' reports, write the request into the AG's ConfigMap, then follow until
 * the target is the primary (see {@link FailoverProgress}) or the time is up.
 *
 * <p>It needs only the preview's Role for the Job: the ConfigMap {@code <ag>} get and update, pods list. Every step
 * prints one line; a refusal or failure is one line naming the step and why, and a non-zero exit code.
 */
public final class FailoverWorkflow {

    public static final int SUCCEEDED = 0;
    public static final int FAILED = 1;

    /**
     * What to do.
     *
     * @param availabilityGroup the AG, null or blank when the namespace has exactly one
     * @param newPrimary        the target as the user wrote it ({@code MSSQL_K8S_NEW_PRIMARY}); null or blank for
     *                          the best synchronized secondary; {@code !name} for any but that one
     * @param allowDataLoss     {@code FORCE_FAILOVER_ALLOW_DATA_LOSS}
     * @param requestedBy       the Job's pod name, or "kubectl-mssql"
     */
    public record Request(String availabilityGroup, String newPrimary, boolean allowDataLoss, String requestedBy) {
    }

    /** Where the lines go: progress to one stream, the final failure line to the other. */
    public interface Console {
        void step(String line);

        void failure(String line);
    }

    /** Ends the workflow with one failure line. */
    private static final class Stop extends Exception {
        Stop(String line) {
            super(line, null, false, false);
        }
    }

    private final KubernetesClient client;
    private final String namespace;
    private final FailoverSettings settings;
    private final Clock clock;
    private final Console console;

    public FailoverWorkflow(KubernetesClient client, String namespace, FailoverSettings settings, Clock clock,
                            Console console) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.console = Objects.requireNonNull(console, "console");
    }

    public int run(Request request) {
        try {
            String group = availabilityGroup(request.availabilityGroup());
            AgConfigMap configMap = new AgConfigMap(client, namespace, group);
            Written written = write(configMap, group, request);
            return follow(configMap, group, written);
        } catch (Stop stop) {
            console.failure(stop.getMessage());
            return FAILED;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            console.failure("follow: interrupted before the failover finished");
            return FAILED;
        }
    }

    /** The named AG, or the namespace's only one (found from the pods' labels: the Role allows no more). */
    private String availabilityGroup(String named) throws Stop {
        if (named != null && !named.isBlank()) {
            return named.strip();
        }
        SortedSet<String> groups = call("find availability group", () -> AgPods.list(client, namespace)).availabilityGroups();
        if (groups.size() == 1) {
            console.step("availability group " + groups.first() + " (the only one in namespace " + namespace + ")");
            return groups.first();
        }
        throw new Stop("find availability group: " + (groups.isEmpty()
                ? "no SQL Server pod in namespace " + namespace + " belongs to an availability group; set MSSQL_K8S_AG_NAME"
                : "namespace " + namespace + " has several (" + String.join(", ", groups)
                        + "); set MSSQL_K8S_AG_NAME to one of them"));
    }

    /** The request as written, with what was known when it was made. */
    private record Written(FailoverRequestEntry entry, String oldPrimary) {
    }

    private Written write(AgConfigMap configMap, String group, Request request) throws Stop, InterruptedException {
        FailoverRequestWriter.Written written;
        try {
            written = new FailoverRequestWriter(client, namespace, clock, settings.reportStaleAfter())
                    .submit(group, request.newPrimary(), request.requestedBy(), this::observeReports,
                            (replicas, inFlight, now) -> FailoverRequestResolver.resolve(request.newPrimary(),
                                    request.allowDataLoss(), replicas.reports(), replicas.membership(), inFlight, now,
                                    settings.reportStaleAfter()));
        } catch (FailoverRequestWriter.Refused refused) {
            throw new Stop(refused.getMessage());
        }
        FailoverRequestEntry entry = written.entry();
        String oldPrimary = written.oldPrimary() == null ? null : written.oldPrimary().name();
        console.step("target: " + written.targetReason());
        if (entry.forced()) {
            console.step(DataLossEstimate.describe(written.target(), written.oldPrimary()));
        }
        console.step("request " + entry.id() + " written: " + (entry.forced() ? "forced failover" : "failover") + " to "
                + entry.target() + (oldPrimary == null ? " (no primary is reporting)" : ", primary now " + oldPrimary));
        return new Written(entry, oldPrimary);
    }

    /** The reports as this Job saw them change on its own clock ({@link ObservedReports}). */
    private FailoverRequestWriter.Reports observeReports(AgConfigMap configMap)
            throws FailoverRequestWriter.Refused, InterruptedException {
        ObservedReports.Observation observed = ObservedReports.observe(
                () -> FailoverRequestWriter.call("read ConfigMap " + configMap.name(), configMap::read), clock,
                settings.reportStaleAfter(), settings.pollInterval(), d -> Thread.sleep(d.toMillis()));
        return new FailoverRequestWriter.Reports(observed.state(), observed.reports());
    }

    private int follow(AgConfigMap configMap, String group, Written written) throws InterruptedException, Stop {
        FailoverRequestEntry entry = written.entry();
        FailoverProgress progress = new FailoverProgress(entry.target(), written.oldPrimary(), entry.requestedAt(),
                settings.timeout());
        String lastProblem = null;
        while (true) {
            FailoverProgress.Step step;
            try {
                step = progress.observe(observe(configMap, group, entry.id()));
                lastProblem = null;
            } catch (KubernetesClientException unreadable) {
                String problem = "follow: cannot read the AG's state: " + ClusterConnection.rootMessage(unreadable);
                if (!problem.equals(lastProblem)) {
                    console.step(problem + " (retrying)");
                }
                lastProblem = problem;
                step = progress.observe(new FailoverProgress.Observation(clock.instant(), null, Map.of(), Map.of()));
                if (step.verdict() instanceof FailoverProgress.Following) {
                    Thread.sleep(settings.pollInterval().toMillis());
                    continue;
                }
            }
            step.lines().forEach(console::step);
            if (step.verdict() instanceof FailoverProgress.Succeeded done) {
                console.step("done in " + seconds(entry.requestedAt()) + ": " + done.summary()
                        + (entry.forced() ? "; it was a forced failover: data may have been lost" : ""));
                return SUCCEEDED;
            }
            if (step.verdict() instanceof FailoverProgress.Failed failed) {
                throw new Stop("follow: " + failed.reason());
            }
            Thread.sleep(settings.pollInterval().toMillis());
        }
    }

    private FailoverProgress.Observation observe(AgConfigMap configMap, String group, String requestId) {
        AgConfigMapState state = configMap.read();
        List<AgPods.MemberPod> members = AgPods.list(client, namespace).members(group);
        FailoverProgress.Outcome outcome = Optional.ofNullable(state.outcome())
                .filter(o -> o.id().equals(requestId))
                .map(o -> new FailoverProgress.Outcome(outcomeState(o.state()), o.message()))
                .orElse(null);
        Map<String, ReplicaRole> roles = new HashMap<>();
        state.reports().forEach((name, report) -> roles.put(name, report.role()));
        Map<String, String> labels = new HashMap<>();
        members.stream().filter(pod -> pod.role() != null).forEach(pod -> labels.put(pod.sqlServerName(), pod.role()));
        return new FailoverProgress.Observation(clock.instant(), outcome, roles, labels);
    }

    private static FailoverProgress.OutcomeState outcomeState(FailoverOutcomeEntry.State state) {
        return switch (state) {
            case ACCEPTED -> FailoverProgress.OutcomeState.ACCEPTED;
            case SUCCEEDED -> FailoverProgress.OutcomeState.SUCCEEDED;
            case REFUSED -> FailoverProgress.OutcomeState.REFUSED;
            case FAILED -> FailoverProgress.OutcomeState.FAILED;
        };
    }

    private String seconds(Instant since) {
        Duration took = Duration.between(since, clock.instant());
        return String.format(java.util.Locale.ROOT, "%.1fs", took.toMillis() / 1000.0);
    }

    /** One API step; a failure becomes the step's one line. */
    private static <T> T call(String step, FailoverRequestWriter.ApiCall<T> apiCall) throws Stop {
        try {
            return FailoverRequestWriter.call(step, apiCall);
        } catch (FailoverRequestWriter.Refused refused) {
            throw new Stop(refused.getMessage());
        }
    }
}
