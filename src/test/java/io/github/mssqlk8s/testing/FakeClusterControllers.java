package io.github.mssqlk8s.testing;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.mssqlk8s.api.SqlServer;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What a real cluster does and fabric8's mock API server does not: a StatefulSet controller (one pod per set,
 * one claim per volume template, kept when the set goes; the template's revision on the pod and in the set's status;
 * with the OnDelete update strategy a pod of an older revision stays until deleted and comes back on the current
 * template, with RollingUpdate it is replaced at once), a Job controller (Jobs complete, or fail when told to),
 * and a garbage collector (objects whose owners are all gone are deleted). Test infrastructure only.
 */
public final class FakeClusterControllers implements AutoCloseable {

    /** The label a real StatefulSet controller puts on its pods (apps/v1 {@code ControllerRevisionHashLabelKey}). */
    public static final String REVISION_LABEL = "controller-revision-hash";
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private final KubernetesClient client;
    private final String namespace;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fake-cluster-controllers");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Predicate<Job> jobFails = job -> false;
    private volatile boolean podsReady = true;
    private volatile String podCreateRefusal;

    public FakeClusterControllers(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public FakeClusterControllers start() {
        loop.scheduleWithFixedDelay(this::tick, 0, 100, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Jobs matching this fail instead of completing. */
    public void failJobsWhere(Predicate<Job> rule) {
        this.jobFails = rule;
    }

    /**
     * Pods are refused (as admission or pod validation would refuse them) with this message, which the controller
     * reports as a FailedCreate Event on the StatefulSet; null creates them again.
     */
    public void refusePodCreation(String message) {
        this.podCreateRefusal = message;
    }

    public void setPodsReady(boolean ready) {
        this.podsReady = ready;
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }

    private void tick() {
        try {
            client.apps().statefulSets().inNamespace(namespace).list().getItems().forEach(this::runStatefulSet);
            client.batch().v1().jobs().inNamespace(namespace).list().getItems().forEach(this::runJob);
            collectGarbage();
        } catch (KubernetesClientException raceWithTheTest) {
            // A conflict or a vanished object: the next tick sees the new state.
        }
    }

    private void runStatefulSet(StatefulSet listed) {
        // Read it again: the list may be a moment old, and a StatefulSet deleted since must not get its claim back.
        StatefulSet statefulSet = client.apps().statefulSets().inNamespace(namespace).withName(listed.getMetadata().getName()).get();
        if (statefulSet == null || statefulSet.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        String podName = statefulSet.getMetadata().getName() + "-0";
        for (PersistentVolumeClaim template : statefulSet.getSpec().getVolumeClaimTemplates()) {
            String claimName = template.getMetadata().getName() + "-" + podName;
            if (client.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get() == null) {
                client.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder()
                        .withNewMetadata().withName(claimName).withNamespace(namespace)
                        .withLabels(statefulSet.getSpec().getSelector().getMatchLabels()).endMetadata()
                        .withSpec(template.getSpec()).build()).create();
            }
        }
        String revision = revision(statefulSet);
        Pod pod = client.pods().inNamespace(namespace).withName(podName).get();
        if (pod != null && pod.getMetadata().getDeletionTimestamp() == null && rollsByItself(statefulSet)
                && !revision.equals(pod.getMetadata().getLabels().get(REVISION_LABEL))) {
            client.pods().inNamespace(namespace).withName(podName).delete();
            return;
        }
        publishRevisions(statefulSet, revision, pod == null ? null : pod.getMetadata().getLabels().get(REVISION_LABEL));
        String refusal = podCreateRefusal;
        if (pod == null && refusal != null) {
            reportFailedCreate(statefulSet, podName, refusal);
            return;
        }
        if (pod == null) {
            client.pods().inNamespace(namespace).resource(new PodBuilder()
                    .withNewMetadata().withName(podName).withNamespace(namespace)
                    .withLabels(statefulSet.getSpec().getTemplate().getMetadata().getLabels())
                    .addToLabels(REVISION_LABEL, revision)
                    .withOwnerReferences(owner(statefulSet)).endMetadata()
                    .withSpec(statefulSet.getSpec().getTemplate().getSpec())
                    .build()).create();
            return;
        }
        String wanted = podsReady ? "True" : "False";
        boolean isReady = pod.getStatus() != null && pod.getStatus().getConditions().stream()
                .anyMatch(condition -> "Ready".equals(condition.getType()) && wanted.equals(condition.getStatus()));
        if (!isReady) {
            client.pods().inNamespace(namespace).withName(podName).editStatus(current -> new PodBuilder(current)
                    .editOrNewStatus().withPhase("Running")
                    .withConditions(new PodConditionBuilder().withType("Ready").withStatus(wanted).build())
                    .endStatus().build());
        }
    }

    /**
     * The revision of the current pod template, as a real StatefulSet controller names its ControllerRevisions:
     * {@code <set>-<hash of the template>}; pods carry it in {@value #REVISION_LABEL}.
     */
    public static String revision(StatefulSet statefulSet) {
        String template = JSON.asJson(statefulSet.getSpec().getTemplate());
        return statefulSet.getMetadata().getName() + "-" + Integer.toHexString(template.hashCode());
    }

    /** RollingUpdate (the default) replaces a pod of an older revision; OnDelete waits until someone deletes it. */
    private static boolean rollsByItself(StatefulSet statefulSet) {
        return statefulSet.getSpec().getUpdateStrategy() == null
                || !"OnDelete".equals(statefulSet.getSpec().getUpdateStrategy().getType());
    }

    private void publishRevisions(StatefulSet statefulSet, String updateRevision, String podRevision) {
        String current = podRevision == null ? updateRevision : podRevision;
        if (statefulSet.getStatus() != null && updateRevision.equals(statefulSet.getStatus().getUpdateRevision())
                && current.equals(statefulSet.getStatus().getCurrentRevision())) {
            return;
        }
        client.apps().statefulSets().inNamespace(namespace).withName(statefulSet.getMetadata().getName())
                .editStatus(set -> new StatefulSetBuilder(set).editOrNewStatus()
                        .withUpdateRevision(updateRevision).withCurrentRevision(current)
                        .withReplicas(1).withObservedGeneration(set.getMetadata().getGeneration())
                        .endStatus().build());
    }

    private void reportFailedCreate(StatefulSet statefulSet, String podName, String refusal) {
        if (statefulSet.getStatus() == null || statefulSet.getStatus().getObservedGeneration() == null) {
            // the real controller records every sync in the status, failed pod creations included
            client.apps().statefulSets().inNamespace(namespace).withName(statefulSet.getMetadata().getName())
                    .editStatus(current -> new StatefulSetBuilder(current).withNewStatus()
                            .withObservedGeneration(java.util.Objects.requireNonNullElse(current.getMetadata().getGeneration(), 1L))
                            .withReplicas(0).endStatus().build());
        }
        String name = statefulSet.getMetadata().getName() + ".failedcreate";
        if (client.v1().events().inNamespace(namespace).withName(name).get() == null) {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                    .withNewInvolvedObject().withKind("StatefulSet").withApiVersion("apps/v1")
                    .withName(statefulSet.getMetadata().getName()).withNamespace(namespace)
                    .withUid(statefulSet.getMetadata().getUid()).endInvolvedObject()
                    .withType("Warning").withReason("FailedCreate")
                    .withMessage("create Pod " + podName + " in StatefulSet " + statefulSet.getMetadata().getName()
                            + " failed error: " + refusal)
                    .withNewSource().withComponent("statefulset-controller").endSource()
                    .build()).create();
        }
    }

    private void runJob(Job job) {
        if (job.getStatus() != null && job.getStatus().getConditions() != null && !job.getStatus().getConditions().isEmpty()) {
            return;
        }
        boolean fails = jobFails.test(job);
        client.batch().v1().jobs().inNamespace(namespace).withName(job.getMetadata().getName()).editStatus(current -> {
            current.setStatus(new JobStatusBuilder()
                    .withSucceeded(fails ? 0 : 1)
                    .withFailed(fails ? 1 : 0)
                    .withConditions(new JobConditionBuilder().withType(fails ? "Failed" : "Complete").withStatus("True").build())
                    .build());
            return current;
        });
    }

    private void collectGarbage() {
        List<? extends HasMetadata> owned = Stream.of(
                client.apps().statefulSets().inNamespace(namespace).list().getItems(),
                client.services().inNamespace(namespace).list().getItems(),
                client.secrets().inNamespace(namespace).list().getItems(),
                client.serviceAccounts().inNamespace(namespace).list().getItems(),
                client.rbac().roles().inNamespace(namespace).list().getItems(),
                client.rbac().roleBindings().inNamespace(namespace).list().getItems(),
                client.batch().v1().jobs().inNamespace(namespace).list().getItems(),
                client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems(),
                client.pods().inNamespace(namespace).list().getItems())
                .flatMap(List::stream)
                .filter(object -> !object.getMetadata().getOwnerReferences().isEmpty())
                .toList();
        for (HasMetadata object : owned) {
            if (object.getMetadata().getOwnerReferences().stream().noneMatch(this::ownerExists)) {
                client.resource(object).delete();
            }
        }
    }

    private boolean ownerExists(OwnerReference owner) {
        HasMetadata found = switch (owner.getKind()) {
            case "SqlServer" -> client.resources(SqlServer.class).inNamespace(namespace).withName(owner.getName()).get();
            case "StatefulSet" -> client.apps().statefulSets().inNamespace(namespace).withName(owner.getName()).get();
            case "Job" -> client.batch().v1().jobs().inNamespace(namespace).withName(owner.getName()).get();
            default -> null;
        };
        return found != null && owner.getUid().equals(found.getMetadata().getUid());
    }

    private static OwnerReference owner(HasMetadata object) {
        return new OwnerReferenceBuilder()
                .withApiVersion(object.getApiVersion()).withKind(object.getKind())
                .withName(object.getMetadata().getName()).withUid(object.getMetadata().getUid())
                .withController(true).build();
    }
}
