package io.github.mssqlk8s.agent.ag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mssqlk8s.ha.FailureCondition;
import io.github.mssqlk8s.ha.HealthStatus;
import io.github.mssqlk8s.ha.HealthVerdict;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads the verdict the health agent in the same pod serves on its liveness probe
 * ({@code http://localhost:8080/q/health/live}: data {@code verdict}, {@code condition}, {@code reason}). Any
 * answer that cannot be read is UNKNOWN, which never triggers a failover by itself.
 */
public final class HttpHealthVerdictSource implements HealthVerdictSource {

    public static final URI DEFAULT = URI.create("http://localhost:8080/q/health/live");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI uri;
    private final Duration timeout;
    private final HttpClient http;

    public HttpHealthVerdictSource(URI uri, Duration timeout) {
        this.uri = uri;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public HealthVerdict verdict() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return parse(response.body());
        } catch (IOException e) {
            return HealthVerdict.unknown("the health agent did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthVerdict.unknown("interrupted while asking the health agent");
        }
    }

    /** The verdict in a SmallRye Health answer; UNKNOWN when it has none. */
    static HealthVerdict parse(String body) {
        try {
            JsonNode checks = JSON.readTree(body).path("checks");
            for (JsonNode check : checks) {
                JsonNode data = check.path("data");
                if (data.has("verdict")) {
                    return verdict(data.path("verdict").asText(), data.path("condition").asText(null),
                            data.path("reason").asText(""));
                }
            }
            return HealthVerdict.unknown("the health agent's answer has no verdict");
        } catch (IOException unreadable) {
            return HealthVerdict.unknown("the health agent's answer is not JSON");
        }
    }

    private static HealthVerdict verdict(String status, String condition, String reason) {
        HealthStatus parsedStatus;
        try {
            parsedStatus = HealthStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return HealthVerdict.unknown("unknown verdict " + status + ": " + reason);
        }
        FailureCondition parsedCondition = null;
        if (condition != null) {
            try {
                parsedCondition = FailureCondition.valueOf(condition.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                parsedCondition = null;
            }
        }
        if (parsedStatus == HealthStatus.FAILED && parsedCondition == null) {
            parsedCondition = FailureCondition.DOWN;
        }
        return new HealthVerdict(parsedStatus, parsedCondition, reason);
    }
}
