package io.github.mssqlk8s.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the API requests a component really made (as the mock API server recorded them) against a Role, the
 * way the API server's RBAC authorizer would: verb, API group, resource (with subresource) and name.
 */
public final class RbacAudit {

    /** One request in RBAC's terms. */
    public record ApiRequest(String verb, String apiGroup, String resource, String name, String line) {
    }

    private static final Pattern RESOURCE_PATH = Pattern.compile(
            "^/(?:api/v1|apis/(?<group>[^/]+)/[^/]+)(?:/namespaces/[^/]+)?/(?<resource>[^/?]+)(?:/(?<name>[^/?]+))?(?:/(?<sub>[^/?]+))?(?:\\?(?<query>.*))?$");

    private RbacAudit() {
    }

    /** The operator's Role as written in src/main/kubernetes/kubernetes.yml (merged into the generated manifests). */
    public static Role operatorRole() {
        KubernetesSerialization serialization = new KubernetesSerialization();
        try {
            for (String document : Files.readString(Path.of("src/main/kubernetes/kubernetes.yml")).split("(?m)^---$")) {
                HasMetadata resource = serialization.unmarshal(document);
                if (resource instanceof Role role) {
                    return role;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no Role in src/main/kubernetes/kubernetes.yml");
    }

    /** Takes every request recorded so far and keeps those sent with the given User-Agent. */
    public static List<ApiRequest> drain(KubernetesServer server, String userAgent) throws InterruptedException {
        return drain(server.getKubernetesMockServer(), userAgent);
    }

    /**
     * For a plain JUnit test's mock server: takes every request recorded so far and keeps those whose User-Agent
     * starts with {@code prefix}, by User-Agent (several components told apart by their User-Agents).
     */
    public static java.util.Map<String, List<ApiRequest>> drainByUserAgent(
            KubernetesMockServer server, String prefix) throws InterruptedException {
        java.util.Map<String, List<ApiRequest>> byAgent = new java.util.TreeMap<>();
        RecordedRequest recorded;
        while ((recorded = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            String agent = recorded.getHeader("User-Agent");
            if (agent != null && agent.startsWith(prefix)) {
                ApiRequest request = parse(recorded.getMethod(), recorded.getPath());
                if (request != null) {
                    byAgent.computeIfAbsent(agent, a -> new ArrayList<>()).add(request);
                }
            }
        }
        return byAgent;
    }

    /** The same as {@link #drain(KubernetesServer, String)}, for fabric8's own mock server (plain JUnit tests). */
    public static List<ApiRequest> drain(KubernetesMockServer server, String userAgent)
            throws InterruptedException {
        List<ApiRequest> requests = new ArrayList<>();
        RecordedRequest recorded;
        while ((recorded = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            String agent = recorded.getHeader("User-Agent");
            if (agent != null && agent.startsWith(userAgent)) {
                ApiRequest request = parse(recorded.getMethod(), recorded.getPath());
                if (request != null) {
                    requests.add(request);
                }
            }
        }
        return requests;
    }

    /** Null for paths that name no resource (discovery, /version): every authenticated user may read those. */
    public static ApiRequest parse(String method, String path) {
        Matcher matcher = RESOURCE_PATH.matcher(path);
        if (!matcher.matches()) {
            return null;
        }
        String group = matcher.group("group") == null ? "" : matcher.group("group");
        String name = matcher.group("name");
        String resource = matcher.group("resource") + (matcher.group("sub") == null ? "" : "/" + matcher.group("sub"));
        String query = matcher.group("query") == null ? "" : matcher.group("query");
        String verb = switch (method) {
            case "GET" -> name != null ? "get" : query.contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name != null ? "delete" : "deletecollection";
            default -> method.toLowerCase();
        };
        return new ApiRequest(verb, group, resource, name, method + " " + path);
    }

    public static boolean allowed(ApiRequest request, List<PolicyRule> rules) {
        return rules.stream().anyMatch(rule -> rule.getApiGroups().contains(request.apiGroup())
                && rule.getResources().contains(request.resource())
                && rule.getVerbs().contains(request.verb())
                && (rule.getResourceNames().isEmpty() || (request.name() != null && rule.getResourceNames().contains(request.name()))));
    }
}
