package io.github.mssqlk8s.cli.kubectl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.github.mssqlk8s.kube.AgConfigMap;
import io.github.mssqlk8s.kube.AgConfigMapCodec;
import io.github.mssqlk8s.kube.AgConfigMapState;
import io.github.mssqlk8s.kube.AgPods;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl mssql status -o json}: everything known, for scripts. Reports, the leader entry, the request and
 * its outcome appear exactly as the agents' protocol spells them; pods and the Lease are added beside them.
 */
final class StatusJson {

    private static final ObjectMapper JSON = Serialization.jsonMapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

    private StatusJson() {
    }

    static String render(String namespace, List<AgStatus> groups, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("namespace", namespace);
        root.put("observedAt", now.toString());
        ArrayNode array = root.putArray("availabilityGroups");
        groups.forEach(group -> array.add(group(group, now)));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the status as JSON", e);
        }
    }

    private static ObjectNode group(AgStatus group, Instant now) {
        AgConfigMapState state = group.state();
        ObjectNode node = JSON.createObjectNode();
        node.put("name", group.name());
        node.put("configMapFound", state.exists());
        node.set("lease", lease(group));
        node.set("leader", state.leader() == null ? null : parse(AgConfigMapCodec.encode(state.leader())));
        node.set("request", state.request() == null ? null : parse(AgConfigMapCodec.encode(state.request())));
        node.set("outcome", state.outcome() == null ? null : parse(AgConfigMapCodec.encode(state.outcome())));
        node.put("requestInFlight", state.requestInFlight(now, AgConfigMap.DEFAULT_REQUEST_TIMEOUT).isPresent());
        ArrayNode replicas = node.putArray("replicas");
        for (String name : group.replicaNames()) {
            ObjectNode replica = replicas.addObject();
            replica.put("name", name);
            group.pod(name).ifPresentOrElse(pod -> replica.set("pod", pod(pod)), () -> replica.putNull("pod"));
            replica.set("report", state.reports().containsKey(name)
                    ? parse(AgConfigMapCodec.encode(state.reports().get(name))) : null);
            replica.put("notPromoted", state.leader() == null ? null : state.leader().notPromoted().get(name));
        }
        ArrayNode problems = node.putArray("problems");
        state.problems().forEach(problems::add);
        return node;
    }

    private static ObjectNode pod(AgPods.MemberPod pod) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", pod.podName());
        node.put("ip", pod.podIp());
        node.put("roleLabel", pod.role());
        node.put("modeLabel", pod.mode());
        return node;
    }

    private static JsonNode lease(AgStatus group) {
        if (group.lease() == null || group.lease().getSpec() == null) {
            return null;
        }
        LeaseSpec spec = group.lease().getSpec();
        ObjectNode node = JSON.createObjectNode();
        node.put("holder", spec.getHolderIdentity());
        node.put("acquireTime", spec.getAcquireTime() == null ? null : spec.getAcquireTime().toInstant().toString());
        node.put("renewTime", spec.getRenewTime() == null ? null : spec.getRenewTime().toInstant().toString());
        node.put("leaseDurationSeconds", spec.getLeaseDurationSeconds());
        node.put("leaseTransitions", spec.getLeaseTransitions());
        return node;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the protocol codec wrote invalid JSON", e);
        }
    }
}
