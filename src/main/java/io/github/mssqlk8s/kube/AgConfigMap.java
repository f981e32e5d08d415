package io.github.mssqlk8s.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.github.mssqlk8s.ha.ReplicaReport;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The AG's ConfigMap {@code <ag>}: how the agents of an AG share their reports, and how the failover Job and
 * the CLI ask for a switchover and learn its outcome (docs: the AG ConfigMap protocol).
 *
 * <p>Agents write only their own keys, with JSON merge patches ({@code replica.<name>}; the Lease holder also
 * {@code leader}; any agent {@code failover.outcome}) and create the ConfigMap when absent. The Job, whose
 * Role allows only get and update of this one ConfigMap, writes {@code failover.request} with
 * {@link #submitRequest}: a read, a check, and an update carrying the read's resourceVersion.
 */
public class AgConfigMap {

    public static final String LEADER_KEY = "leader";
    public static final String REQUEST_KEY = "failover.request";
    public static final String OUTCOME_KEY = "failover.outcome";
    private static final String REPORT_PREFIX = "replica.";
    /** How long a request stays in flight without a final outcome. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);
    /** Conflicting updates retried by {@link #submitRequest} before it gives up. */
    private static final int SUBMIT_ATTEMPTS = 10;

    private final KubernetesClient client;
    private final String namespace;
    private final String availabilityGroup;

    public AgConfigMap(KubernetesClient client, String namespace, String availabilityGroup) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.availabilityGroup = Objects.requireNonNull(availabilityGroup, "availabilityGroup");
    }

    public String name() {
        return Names.availabilityGroupConfigMap(availabilityGroup);
    }

    public static String reportKey(String sqlServerName) {
        return REPORT_PREFIX + sqlServerName;
    }

    /** The ConfigMap as it is now; {@link AgConfigMapState#absent()} when it does not exist. */
    public AgConfigMapState read() {
        return parse(resource().get());
    }

    /** Reads a ConfigMap object; values that cannot be read are left out and named in the state's problems. */
    public static AgConfigMapState parse(ConfigMap configMap) {
        if (configMap == null) {
            return AgConfigMapState.absent();
        }
        Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
        Map<String, ReplicaReport> reports = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        LeaderEntry leader = null;
        FailoverRequestEntry request = null;
        FailoverOutcomeEntry outcome = null;
        for (Map.Entry<String, String> e : data.entrySet()) {
            String key = e.getKey();
            try {
                if (key.startsWith(REPORT_PREFIX)) {
                    ReplicaReport report = AgConfigMapCodec.decodeReport(e.getValue());
                    reports.put(report.name(), report);
                } else if (key.equals(LEADER_KEY)) {
                    leader = AgConfigMapCodec.decodeLeader(e.getValue());
                } else if (key.equals(REQUEST_KEY)) {
                    request = AgConfigMapCodec.decodeRequest(e.getValue());
                } else if (key.equals(OUTCOME_KEY)) {
                    outcome = AgConfigMapCodec.decodeOutcome(e.getValue());
                }
            } catch (AgConfigMapCodec.MalformedEntryException malformed) {
                problems.add(key + ": " + malformed.getMessage());
            }
        }
        String version = configMap.getMetadata() == null ? null : configMap.getMetadata().getResourceVersion();
        return new AgConfigMapState(reports, leader, request, outcome, version == null ? "" : version, problems);
    }

    /** Publishes this replica's report under its own key only. */
    public void publishReport(ReplicaReport report) {
        mergeData(reportKey(report.name()), AgConfigMapCodec.encode(report));
    }

    public void publishLeader(LeaderEntry leader) {
        mergeData(LEADER_KEY, AgConfigMapCodec.encode(leader));
    }

    public void publishOutcome(FailoverOutcomeEntry outcome) {
        mergeData(OUTCOME_KEY, AgConfigMapCodec.encode(outcome));
    }

    /** Why a request was not written; {@code null} reason when it was. */
    public record Submission(boolean submitted, String refusal) {
        static Submission accepted() {
            return new Submission(true, null);
        }

        static Submission refused(String why) {
            return new Submission(false, why);
        }
    }

    /**
     * Writes {@code request} unless another is in flight, with get + update only (the Job's Role). An update
     * that lost a race with another writer (409) is re-read and re-checked.
     */
    public Submission submitRequest(FailoverRequestEntry request, Instant now, Duration requestTimeout) {
        for (int attempt = 0; attempt < SUBMIT_ATTEMPTS; attempt++) {
            ConfigMap current = resource().get();
            if (current == null) {
                return Submission.refused("ConfigMap " + name() + " not found in namespace " + namespace
                        + ": are the agents of availability group " + availabilityGroup + " running?");
            }
            AgConfigMapState state = parse(current);
            var inFlight = state.requestInFlight(now, requestTimeout);
            if (inFlight.isPresent()) {
                return Submission.refused("another failover (to " + inFlight.get().target() + ", requested at "
                        + inFlight.get().requestedAt() + " by " + inFlight.get().requestedBy() + ") is still in flight");
            }
            Map<String, String> data = new HashMap<>(current.getData() == null ? Map.of() : current.getData());
            data.put(REQUEST_KEY, AgConfigMapCodec.encode(request));
            current.setData(data);
            try {
                client.configMaps().inNamespace(namespace).resource(current).update();
                return Submission.accepted();
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
            }
        }
        return Submission.refused("ConfigMap " + name() + " kept changing under " + SUBMIT_ATTEMPTS
                + " attempts to write the request; try again");
    }

    /** A JSON merge patch of one data key; creates the ConfigMap when it does not exist yet. */
    private void mergeData(String key, String value) {
        try {
            patchData(key, value);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
            createWith(key, value);
        }
    }

    private void createWith(String key, String value) {
        ConfigMap fresh = new ConfigMapBuilder()
                .withNewMetadata().withName(name()).withNamespace(namespace)
                .addToLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_US).endMetadata()
                .withData(Map.of(key, value))
                .build();
        try {
            client.configMaps().inNamespace(namespace).resource(fresh).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // another agent created it meanwhile: patch that one
            patchData(key, value);
        }
    }

    private void patchData(String key, String value) {
        resource().patch(PatchContext.of(PatchType.JSON_MERGE), AgConfigMapCodec.write(Map.of("data", Map.of(key, value))));
    }

    private Resource<ConfigMap> resource() {
        return client.configMaps().inNamespace(namespace).withName(name());
    }
}
