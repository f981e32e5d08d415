package io.github.mssqlk8s.testing.apiserver;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.mssqlk8s.testing.LoggedProcess;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Stands in for the Job controller and a kubelet on the real API server, for the Jobs whose mode runs without a SQL
 * Server at a pod address (the failover Job): it runs the Job's mode as a process of the packaged application, with
 * the Job's environment and a token of the Job's ServiceAccount (so the Role bound to that account is all it has),
 * and then sets the Job's status succeeded or failed from the exit code, as the Job controller would. Other Jobs
 * are left alone, with one line saying so. Each run's output is {@code <logs>/job-<name>.log}.
 */
public final class JobRunnerStandIn implements AutoCloseable {

    /** The image's entry points ({@code /mssql-server-k8s-<mode>}) and plain modes as the first argument. */
    private static final String ENTRY_POINT = "/mssql-server-k8s-";
    private static final Set<String> RUNNABLE_MODES = Set.of("failover");
    private static final List<String> JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m");

    private final ApiTestNamespace api;
    private final KubernetesClient admin;
    private final Path logs;
    private final Consumer<String> say;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Map<String, Run> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "job-runner-stand-in");
        thread.setDaemon(true);
        return thread;
    });

    private record Run(Job job, LoggedProcess process, Instant started) {
    }

    public JobRunnerStandIn(ApiTestNamespace api, Path logs, Consumer<String> say) {
        this.api = api;
        this.admin = api.admin();
        this.logs = logs;
        this.say = say;
    }

    public JobRunnerStandIn start() {
        loop.scheduleWithFixedDelay(this::tick, 0, 300, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The mode a Job's container runs: its command's entry point, or its first argument; empty when neither says. */
    static Optional<String> mode(Job job) {
        Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> command = container.getCommand() == null ? List.of() : container.getCommand();
        if (!command.isEmpty() && command.get(0).startsWith(ENTRY_POINT)) {
            return Optional.of(command.get(0).substring(ENTRY_POINT.length()));
        }
        List<String> args = container.getArgs() == null ? List.of() : container.getArgs();
        return args.isEmpty() ? Optional.empty() : Optional.of(args.get(0));
    }

    private void tick() {
        try {
            for (Job job : admin.batch().v1().jobs().inNamespace(api.namespace()).list().getItems()) {
                if (seen.add(job.getMetadata().getUid())) {
                    begin(job);
                }
            }
            running.values().stream().filter(run -> !run.process().isAlive()).toList().forEach(this::finish);
        } catch (KubernetesClientException | IllegalStateException transientTrouble) {
            // the next tick tries again
        }
    }

    private void begin(Job job) {
        String name = job.getMetadata().getName();
        Optional<String> mode = mode(job).filter(RUNNABLE_MODES::contains);
        if (mode.isEmpty() || job.getStatus() != null && job.getStatus().getConditions() != null
                && !job.getStatus().getConditions().isEmpty()) {
            say.accept("job runner: Job " + name + " left alone (it runs " + mode(job).orElse("no known mode")
                    + "; only " + RUNNABLE_MODES + " run here)");
            return;
        }
        Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        String account = Optional.ofNullable(job.getSpec().getTemplate().getSpec().getServiceAccountName()).orElse("default");
        Map<String, String> environment = new HashMap<>(api.server().environment(api.tokenFor(account), api.namespace()));
        environment.put("HOSTNAME", name);
        environment.putAll(literalEnvironment(container, name));
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        setStatus(job, new JobStatusBuilder().withActive(1).withStartTime(started.toString()).build());
        List<String> arguments = new ArrayList<>(List.of(mode.get()));
        if (container.getArgs() != null && !container.getArgs().isEmpty() && container.getArgs().get(0).equals(mode.get())) {
            arguments.addAll(container.getArgs().subList(1, container.getArgs().size()));
        } else if (container.getArgs() != null) {
            arguments.addAll(container.getArgs());
        }
        LoggedProcess process = LoggedProcess.start(LoggedProcess.javaJar(JVM, LoggedProcess.APPLICATION_JAR, arguments),
                environment, logs.resolve("job-" + name + ".log"));
        running.put(job.getMetadata().getUid(), new Run(job, process, started));
        say.accept("job runner: running Job " + name + " (" + mode.get() + ") as ServiceAccount " + account + "; output in "
                + logs.resolve("job-" + name + ".log"));
    }

    /** The container's variables as a pod would see them: literal values and the pod's namespace and name. */
    private Map<String, String> literalEnvironment(Container container, String podName) {
        Map<String, String> environment = new HashMap<>();
        for (EnvVar variable : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            if (variable.getValue() != null) {
                environment.put(variable.getName(), variable.getValue());
            } else if (variable.getValueFrom() != null && variable.getValueFrom().getFieldRef() != null) {
                String path = variable.getValueFrom().getFieldRef().getFieldPath();
                if ("metadata.namespace".equals(path)) {
                    environment.put(variable.getName(), api.namespace());
                } else if ("metadata.name".equals(path)) {
                    environment.put(variable.getName(), podName);
                }
            }
        }
        return environment;
    }

    private void finish(Run run) {
        running.remove(run.job().getMetadata().getUid());
        int exit = run.process().process().exitValue();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        JobStatus status = new JobStatusBuilder().withActive(0).withStartTime(run.started().toString()).build();
        if (exit == 0) {
            status.setSucceeded(1);
            status.setCompletionTime(now);
            status.setConditions(List.of(condition("SuccessCriteriaMet", now), condition("Complete", now)));
        } else {
            status.setFailed(1);
            status.setConditions(List.of(condition("FailureTarget", now), condition("Failed", now)));
        }
        setStatus(run.job(), status);
        say.accept("job runner: Job " + run.job().getMetadata().getName() + " " + (exit == 0 ? "succeeded" : "failed (exit " + exit + ")"));
    }

    private static JobCondition condition(String type, String now) {
        return new JobConditionBuilder().withType(type).withStatus("True").withLastProbeTime(now).withLastTransitionTime(now)
                .withReason(type.equals("Failed") || type.equals("FailureTarget") ? "BackoffLimitExceeded" : "CompletionsReached")
                .build();
    }

    private void setStatus(Job job, JobStatus status) {
        admin.batch().v1().jobs().inNamespace(api.namespace()).withName(job.getMetadata().getName()).editStatus(current -> {
            current.setStatus(status);
            return current;
        });
    }

    @Override
    public void close() {
        loop.shutdownNow();
        running.values().forEach(run -> run.process().stop(5));
    }
}
