package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.api.SqlServerStatus;
import io.github.mssqlk8s.config.OperatorSettings;
import io.github.mssqlk8s.kube.EventRecorder;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.resources.AcceptedSpec;
import io.github.mssqlk8s.resources.SpecChecks;
import io.github.mssqlk8s.resources.SpecProblem;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Reconciles one SqlServer into a running instance. The reconcile reads as its steps: check the spec, refuse
 * changes to fields that may not change, make sure the referenced Secrets exist, bring the owned objects to the
 * spec (the workflow), keep the AG's shared objects, tidy old init-sql Jobs, report. When a check fails nothing
 * running is touched; the status says why.
 */
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = "agent-login", type = AgentLoginSecretDependent.class),
    @Dependent(name = "master-key", type = MasterKeySecretDependent.class, activationCondition = MasterKeyIsGenerated.class),
    @Dependent(name = "agents-account", type = AgentsServiceAccountDependent.class),
    @Dependent(name = "agents-role", type = AgentsRoleDependent.class),
    @Dependent(name = "agents-binding", type = AgentsRoleBindingDependent.class, dependsOn = {"agents-account", "agents-role"}),
    @Dependent(name = "init-sql-account", type = InitSqlServiceAccountDependent.class),
    @Dependent(name = "init-sql-role", type = InitSqlRoleDependent.class),
    @Dependent(name = "init-sql-binding", type = InitSqlRoleBindingDependent.class,
            dependsOn = {"init-sql-account", "init-sql-role"}),
    @Dependent(name = "headless-service", type = HeadlessServiceDependent.class),
    @Dependent(name = "statefulset", type = StatefulSetDependent.class,
            dependsOn = {"agent-login", "agents-binding", "headless-service"}),
    @Dependent(name = "init-sql-job", type = InitSqlJobDependent.class, dependsOn = {"statefulset", "init-sql-binding"}),
})
@ControllerConfiguration(name = SqlServerReconciler.NAME)
public class SqlServerReconciler implements Reconciler<SqlServer>, Cleaner<SqlServer> {

    public static final String NAME = "sqlserver";
    private static final String PODS = "pods";
    private static final Logger LOG = Logger.getLogger(SqlServerReconciler.class);

    private final Clock clock = Clock.systemUTC();

    @Inject
    KubernetesClient client;

    @Inject
    OperatorSettings settings;

    @Inject
    MeterRegistry metrics;

    private ReferencedSecrets referencedSecrets;
    private SharedAvailabilityGroupObjects sharedObjects;
    private InitSqlJobHistory initSqlJobs;
    private StatefulSetEvents statefulSetEvents;
    private InstancePodLabeller podLabeller;
    private EventRecorder events;
    private Rollouts rollouts;

    /** The steps' adapters hold nothing but the client: made once, used by every reconcile. */
    @PostConstruct
    void createSteps() {
        referencedSecrets = new ReferencedSecrets(client);
        sharedObjects = new SharedAvailabilityGroupObjects(client);
        initSqlJobs = new InitSqlJobHistory(client);
        statefulSetEvents = new StatefulSetEvents(client);
        podLabeller = new InstancePodLabeller(client);
        events = new EventRecorder(client, "mssql-operator", clock);
        rollouts = new Rollouts(client, clock, settings.rolloutSettleBound(), settings.rolloutReportStaleAfter(), events,
                metrics);
    }

    @Override
    public List<EventSource<?, SqlServer>> prepareEventSources(EventSourceContext<SqlServer> context) {
        // The instance's pod: its readiness and the role labels the agents keep feed the status.
        var pods = InformerEventSourceConfiguration.from(Pod.class, SqlServer.class)
                .withName(PODS)
                .withLabelSelector(Labels.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(pod -> Set.of(
                        new ResourceID(pod.getMetadata().getLabels().get(Labels.SQL_SERVER), pod.getMetadata().getNamespace())))
                .build();
        return List.of(new InformerEventSource<>(pods, context));
    }

    @Override
    public UpdateControl<SqlServer> reconcile(SqlServer resource, Context<SqlServer> context) {
        List<SqlServer> namespaceResources = context.getPrimaryCache()
                .list(resource.getMetadata().getNamespace()).toList();
        List<SpecProblem> specProblems = checkSpec(resource, namespaceResources);
        specProblems.addAll(referencedSecrets.foreignGeneratedSecrets(resource));
        List<String> changedFields = fieldsChangedSinceAccepted(resource, context);
        List<String> secretProblems = referencedSecrets.problems(resource);
        boolean blocked = !specProblems.isEmpty() || !changedFields.isEmpty() || !secretProblems.isEmpty();

        List<String> leftAlone = List.of();
        if (!blocked) {
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            leftAlone = sharedObjects.reconcile(resource, namespaceResources, managedServices(resource, context));
            initSqlJobs.deleteFinishedBefore(resource, generation(resource));
        }
        Optional<Pod> pod = pod(resource, context);
        if (!blocked) {
            pod.ifPresent(running -> podLabeller.label(resource, running));
        }
        Optional<String> podCreateFailure = pod.isPresent() || blocked || !seenByStatefulSetController(context)
                ? Optional.empty() : statefulSetEvents.lastFailedCreate(resource);
        Observations seen = new Observations(specProblems, changedFields, secretProblems, !blocked, leftAlone,
                pod, currentInitSqlJob(resource, context), podCreateFailure);
        return report(resource, seen, rollout(resource, namespaceResources));
    }

    /**
     * One step of the namespace's rollout (contract §1); every SqlServer's reconcile drives it, and reports it. A
     * failed API call is retried at the next reconcile: the rollout keeps no state that a half step could break.
     */
    private Rollouts.Progress rollout(SqlServer resource, List<SqlServer> namespaceResources) {
        try {
            return rollouts.step(resource.getMetadata().getNamespace(), namespaceResources);
        } catch (KubernetesClientException failed) {
            LOG.warnf("rollout step in %s not taken: %s", resource.getMetadata().getNamespace(), failed.getMessage());
            return rollouts.latest(resource.getMetadata().getNamespace()).orElse(null);
        }
    }

    /** A reconcile that threw: the status says so at once instead of keeping the last success (JOSDK retries). */
    @Override
    public ErrorStatusUpdateControl<SqlServer> updateErrorStatus(SqlServer resource, Context<SqlServer> context,
            Exception failure) {
        SqlServerStatus before = resource.getStatus() == null ? new SqlServerStatus() : resource.getStatus();
        SqlServerStatus next = StatusReport.failed(resource, pod(resource, context), failure, clock.instant());
        recordTransitions(resource, before.getConditions(), next.getConditions());
        if (sameStatus(before, next)) {
            return ErrorStatusUpdateControl.defaultErrorProcessing();
        }
        resource.setStatus(next);
        return ErrorStatusUpdateControl.patchStatus(resource);
    }

    @Override
    public DeleteControl cleanup(SqlServer resource, Context<SqlServer> context) {
        sharedObjects.releaseAll(resource);
        if ("true".equalsIgnoreCase(annotation(resource, Labels.DELETE_DATA_ANNOTATION))
                && resource.getSpec().getInstanceRootVolumeClaimTemplate() != null) {
            // Only the claim the StatefulSet made; a volume the user named is theirs to keep.
            client.persistentVolumeClaims().inNamespace(resource.getMetadata().getNamespace())
                    .withName(Names.pvcOfInstanceRoot(resource)).delete();
        }
        return DeleteControl.defaultDelete();
    }

    private static List<SpecProblem> checkSpec(SqlServer resource, List<SqlServer> namespaceResources) {
        List<SpecProblem> problems = new ArrayList<>(SpecChecks.ofResource(resource));
        problems.addAll(SpecChecks.ofAvailabilityGroups(resource, namespaceResources));
        return problems;
    }

    /** Compared with what the running StatefulSet was made from; nothing to compare before it exists. */
    private static List<String> fieldsChangedSinceAccepted(SqlServer resource, Context<SqlServer> context) {
        return context.getSecondaryResource(StatefulSet.class)
                .map(statefulSet -> statefulSet.getMetadata().getAnnotations())
                .map(annotations -> annotations.get(AcceptedSpec.ANNOTATION))
                .map(accepted -> AcceptedSpec.changedFields(accepted, resource.getSpec()))
                .orElse(List.of());
    }

    /**
     * Every Service with our label (the headless ones and the AG routes), from the headless Service dependent's
     * informer: no request to the server.
     */
    private static List<Service> managedServices(SqlServer resource, Context<SqlServer> context) {
        var services = (InformerEventSource<Service, SqlServer>) context.eventSourceRetriever().getEventSourceFor(Service.class);
        return services.list(resource.getMetadata().getNamespace(), service -> true).toList();
    }

    /**
     * A FailedCreate Event can only exist once the StatefulSet controller has synced the StatefulSet, which it
     * records in status.observedGeneration: before that, reading the namespace's Events would find nothing.
     */
    private static boolean seenByStatefulSetController(Context<SqlServer> context) {
        return context.getSecondaryResource(StatefulSet.class)
                .map(StatefulSet::getStatus)
                .map(status -> status.getObservedGeneration() != null)
                .orElse(false);
    }

    private static Optional<Pod> pod(SqlServer resource, Context<SqlServer> context) {
        return context.getSecondaryResourcesAsStream(Pod.class)
                .filter(pod -> Names.pod(resource).equals(pod.getMetadata().getName()))
                .findFirst();
    }

    private static Optional<Job> currentInitSqlJob(SqlServer resource, Context<SqlServer> context) {
        return InitSqlJobHistory.forGeneration(context.getSecondaryResourcesAsStream(Job.class), generation(resource));
    }

    private UpdateControl<SqlServer> report(SqlServer resource, Observations seen, Rollouts.Progress rollout) {
        Instant now = clock.instant();
        SqlServerStatus before = resource.getStatus() == null ? new SqlServerStatus() : resource.getStatus();
        SqlServerStatus next = StatusReport.next(resource, seen, now);
        RolloutStatus.apply(next.getConditions(), rollout, resource.getMetadata().getGeneration(), now);
        recordTransitions(resource, before.getConditions(), next.getConditions());
        UpdateControl<SqlServer> control;
        if (sameStatus(before, next)) {
            control = UpdateControl.noUpdate();
        } else {
            resource.setStatus(next);
            control = UpdateControl.patchStatus(resource);
        }
        if (!seen.secretProblems().isEmpty() || seen.specProblems().stream()
                .anyMatch(problem -> "AvailabilityGroupConflict".equals(problem.reason())
                        || ReferencedSecrets.GENERATED_NAME_TAKEN.equals(problem.reason()))
                || !seen.blocked() && seen.pod().isEmpty()) {
            // Neither a user's Secret (referenced, or in the way of a generated one), nor another member's spec, nor the StatefulSet controller's FailedCreate Event
            // triggers this resource: look again, ever less often.
            control.rescheduleAfter(recheckDelay(next, now));
        }
        if (rollout != null && rollout.rolling()) {
            // The agents' reports that the rollout waits on trigger no reconcile: look again soon.
            control.rescheduleAfter(settings.minRecheckInterval());
        }
        return control;
    }

    /** Doubling back-off without a counter: wait about as long as the problem has lasted, within bounds. */
    private Duration recheckDelay(SqlServerStatus status, Instant now) {
        Duration lasted = status.getConditions().stream()
                .filter(condition -> Conditions.FALSE.equals(condition.getStatus()))
                .filter(condition -> Conditions.SECRETS_FOUND.equals(condition.getType())
                        || Conditions.SPEC_VALID.equals(condition.getType()) || Conditions.READY.equals(condition.getType()))
                .map(condition -> Duration.between(Instant.parse(condition.getLastTransitionTime()), now))
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
        Duration min = settings.minRecheckInterval();
        Duration max = settings.maxRecheckInterval();
        return lasted.compareTo(min) < 0 ? min : lasted.compareTo(max) > 0 ? max : lasted;
    }

    /** An Event for every condition whose status or reason changed. */
    private void recordTransitions(SqlServer resource, List<Condition> before, List<Condition> after) {
        for (Condition condition : after) {
            Optional<Condition> old = Conditions.find(before, condition.getType());
            boolean changed = old.isEmpty() || !Objects.equals(old.get().getStatus(), condition.getStatus())
                    || !Objects.equals(old.get().getReason(), condition.getReason());
            if (changed) {
                events.record(resource, isTrouble(condition) ? EventRecorder.WARNING : EventRecorder.NORMAL,
                        condition.getReason(), condition.getMessage());
            }
        }
    }

    private static boolean isTrouble(Condition condition) {
        boolean good = Conditions.SPEC_REJECTED.equals(condition.getType())
                || Conditions.ROLLOUT_PAUSED.equals(condition.getType())
                ? Conditions.FALSE.equals(condition.getStatus())
                : Conditions.TRUE.equals(condition.getStatus());
        return !good && !Set.of("Pending", "Running", "PodMissing", "PodNotReady").contains(condition.getReason());
    }

    /** Equal when nothing changed: {@link Conditions#set} keeps a condition's timestamp while its status holds. */
    private static boolean sameStatus(SqlServerStatus before, SqlServerStatus next) {
        return Objects.equals(before.getObservedGeneration(), next.getObservedGeneration())
                && before.getConditions().equals(next.getConditions())
                && before.getAvailabilityGroups().equals(next.getAvailabilityGroups());
    }

    private static long generation(SqlServer resource) {
        return resource.getMetadata().getGeneration() == null ? 1L : resource.getMetadata().getGeneration();
    }

    private static String annotation(SqlServer resource, String key) {
        return resource.getMetadata().getAnnotations() == null ? null : resource.getMetadata().getAnnotations().get(key);
    }
}
