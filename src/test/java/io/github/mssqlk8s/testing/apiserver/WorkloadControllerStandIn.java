package io.github.mssqlk8s.testing.apiserver;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for kube-controller-manager's StatefulSet and Job controllers on the real API server: it creates each
 * StatefulSet's pods and claims, and one pod per Job, the way those controllers build them (claim volumes, hostname
 * and subdomain, owner references), so that pod validation and Pod Security admission judge the pods the operator's
 * templates produce. Refusals are recorded, not retried forever; a refused StatefulSet pod is also told as the
 * controller tells it, a FailedCreate Event on the StatefulSet. Pods stay Pending: there is no scheduler or kubelet.
 */
public final class WorkloadControllerStandIn implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final Map<String, Pod> created = new ConcurrentHashMap<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "workload-controller-stand-in");
        thread.setDaemon(true);
        return thread;
    });

    public WorkloadControllerStandIn(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public WorkloadControllerStandIn start() {
        loop.scheduleWithFixedDelay(this::tick, 0, 200, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Pods (by name) the API server refused, with its answer. */
    public Map<String, String> refusals() {
        return Map.copyOf(refusals);
    }

    /** Pods the API server admitted, by name. */
    public Map<String, Pod> created() {
        return Map.copyOf(created);
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }

    private void tick() {
        try {
            client.apps().statefulSets().inNamespace(namespace).list().getItems().forEach(this::runStatefulSet);
            client.batch().v1().jobs().inNamespace(namespace).list().getItems().forEach(this::runJob);
        } catch (KubernetesClientException | IllegalStateException transientTrouble) {
            // the next tick tries again
        }
    }

    private void runStatefulSet(StatefulSet set) {
        int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            String podName = set.getMetadata().getName() + "-" + ordinal;
            if (seen(podName)) {
                continue;
            }
            List<Volume> volumes = new ArrayList<>(set.getSpec().getTemplate().getSpec().getVolumes());
            for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
                String claim = template.getMetadata().getName() + "-" + podName;
                createClaim(set, template, claim);
                volumes.removeIf(volume -> volume.getName().equals(template.getMetadata().getName()));
                volumes.add(new VolumeBuilder().withName(template.getMetadata().getName())
                        .withNewPersistentVolumeClaim().withClaimName(claim).endPersistentVolumeClaim().build());
            }
            Map<String, String> labels = new LinkedHashMap<>(set.getSpec().getTemplate().getMetadata().getLabels());
            labels.put("statefulset.kubernetes.io/pod-name", podName);
            labels.put("apps.kubernetes.io/pod-index", Integer.toString(ordinal));
            PodSpec spec = new PodSpecBuilder(set.getSpec().getTemplate().getSpec()).withVolumes(volumes)
                    .withHostname(podName).withSubdomain(set.getSpec().getServiceName()).build();
            String refusal = createPod(podName, null, labels, set.getSpec().getTemplate().getMetadata(), owner(set), spec);
            if (refusal != null) {
                recordFailedCreate(set, podName, refusal);
            }
        }
        recordSynced(set);
    }

    /** As the StatefulSet controller does after each sync: status.observedGeneration (the operator reads Events after it). */
    private void recordSynced(StatefulSet set) {
        Long generation = set.getMetadata().getGeneration();
        if (set.getStatus() != null && Objects.equals(set.getStatus().getObservedGeneration(), generation)) {
            return;
        }
        client.apps().statefulSets().inNamespace(namespace).withName(set.getMetadata().getName())
                .editStatus(current -> new StatefulSetBuilder(current).editOrNewStatus()
                        .withObservedGeneration(current.getMetadata().getGeneration())
                        .withReplicas(current.getSpec().getReplicas()).endStatus().build());
    }

    /** As the StatefulSet controller tells of a pod it cannot create: a Warning Event FailedCreate on the StatefulSet. */
    private void recordFailedCreate(StatefulSet set, String podName, String refusal) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                .withNewMetadata().withGenerateName(set.getMetadata().getName() + ".").endMetadata()
                .withNewInvolvedObject().withApiVersion(set.getApiVersion()).withKind(set.getKind())
                .withName(set.getMetadata().getName()).withNamespace(namespace).withUid(set.getMetadata().getUid())
                .endInvolvedObject()
                .withType("Warning").withReason("FailedCreate")
                .withMessage("create Pod " + podName + " in StatefulSet " + set.getMetadata().getName() + " failed error: " + refusal)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent("statefulset-controller").endSource()
                .build()).create();
    }

    private void runJob(Job job) {
        String key = "job/" + job.getMetadata().getName();
        if (seen(key)) {
            return;
        }
        ObjectMeta template = job.getSpec().getTemplate().getMetadata();
        createPod(key, job.getMetadata().getName() + "-", new HashMap<>(template.getLabels()), template, owner(job),
                job.getSpec().getTemplate().getSpec());
    }

    private boolean seen(String key) {
        return created.containsKey(key) || refusals.containsKey(key);
    }

    private void createClaim(StatefulSet set, PersistentVolumeClaim template, String claim) {
        if (client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get() == null) {
            client.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder()
                    .withNewMetadata().withName(claim).withLabels(set.getSpec().getSelector().getMatchLabels()).endMetadata()
                    .withSpec(template.getSpec()).build()).create();
        }
    }

    /** Null when the pod was created (or will be on a later tick); otherwise the API server's refusal, recorded. */
    private String createPod(String key, String generateName, Map<String, String> labels, ObjectMeta template,
            OwnerReference owner, PodSpec spec) {
        Pod pod = new PodBuilder().withNewMetadata()
                .withName(generateName == null ? key : null).withGenerateName(generateName)
                .withLabels(labels).withAnnotations(template.getAnnotations()).withOwnerReferences(owner).endMetadata()
                .withSpec(spec).build();
        try {
            created.put(key, client.pods().inNamespace(namespace).resource(pod).create());
            return null;
        } catch (KubernetesClientException refused) {
            String message = String.valueOf(refused.getStatus() == null ? refused.getMessage() : refused.getStatus().getMessage());
            if (message.contains("serviceaccount") && message.contains("not found")) {
                return null; // the ServiceAccount admission plugin: the controller retries until the account exists
            }
            if (refused.getCode() == 422 || refused.getCode() == 403 || refused.getCode() == 400) {
                refusals.put(key, refused.getCode() + " " + message);
                return message;
            } else {
                throw refused;
            }
        }
    }

    private static OwnerReference owner(HasMetadata object) {
        return new OwnerReferenceBuilder().withApiVersion(object.getApiVersion()).withKind(object.getKind())
                .withName(object.getMetadata().getName()).withUid(object.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }
}
