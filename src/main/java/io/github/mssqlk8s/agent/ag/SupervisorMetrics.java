package io.github.mssqlk8s.agent.ag;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.vertx.core.Context;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * One scrape target per pod for all its AG agents: while the supervisor runs, its {@code /q/metrics} serves its
 * own meters and those of every running child, fetched from the child's loopback port (each child's samples carry
 * {@code ag="<name>"}), merged by {@link MetricFamilies} in the text format 0.0.4. A child that does not answer
 * within {@link #CHILD_TIMEOUT} is left out and counted in {@code mssql_ag_supervisor_child_scrape_failures_total}.
 * In every other mode Quarkus's own handler answers as before.
 */
@ApplicationScoped
public class SupervisorMetrics {

    /** Quarkus's Prometheus endpoint, which this route answers ahead of while the supervisor runs. */
    static final String PATH = "/q/metrics";
    static final Duration CHILD_TIMEOUT = Duration.ofSeconds(2);
    static final String SCRAPE_FAILURES = "mssql.ag.supervisor.child.scrape.failures";

    private static final Logger LOG = Logger.getLogger(SupervisorMetrics.class);

    @Inject
    AgAgentSupervisor supervisor;

    @Inject
    PrometheusMeterRegistry registry;

    void register(@Observes Router router) {
        // Ordered before Quarkus's Prometheus routes (orders 1 to 4) on the same path.
        router.get(PATH).order(-1).handler(this::handle);
    }

    private void handle(RoutingContext request) {
        if (!supervisor.isRunning()) {
            request.next();
            return;
        }
        Context context = request.vertx().getOrCreateContext();
        List<CompletableFuture<Optional<String>>> children = supervisor.statuses().stream()
                .filter(child -> child.state() == ChildState.RUNNING && child.httpPort().isPresent())
                .map(child -> scrape(child.group(), child.httpPort().getAsInt()))
                .toList();
        CompletableFuture.allOf(children.toArray(CompletableFuture[]::new))
                .thenApply(allAnswered -> merged(children))
                .whenComplete((merged, failure) -> context.runOnContext(ignored -> {
                    if (failure != null) {
                        request.fail(failure);
                    } else {
                        request.response().putHeader("Content-Type", TextFormat.CONTENT_TYPE_004).end(merged);
                    }
                }));
    }

    /** The supervisor's own meters first, read after the children's so that this scrape's failures are counted. */
    private String merged(List<CompletableFuture<Optional<String>>> children) {
        List<String> expositions = new ArrayList<>();
        expositions.add(registry.scrape(TextFormat.CONTENT_TYPE_004));
        children.forEach(child -> child.join().ifPresent(expositions::add));
        return MetricFamilies.merge(expositions);
    }

    /** The child's exposition, or empty (and counted) when it does not answer in time with one. */
    private CompletableFuture<Optional<String>> scrape(String group, int port) {
        Counter failures = registry.counter(SCRAPE_FAILURES, "ag", group);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + ChildCommand.LOOPBACK + ":" + port + PATH))
                .header("Accept", "text/plain").timeout(CHILD_TIMEOUT).GET().build();
        return Http.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure == null && response.statusCode() == 200) {
                return Optional.of(response.body());
            }
            failures.increment();
            LOG.debugf("The ag-agent of AG %s did not answer its metrics scrape: %s", group,
                    failure != null ? failure.getMessage() : "status " + response.statusCode());
            return Optional.empty();
        });
    }

    /** Made on the first scrape of a child, so that the other modes do not start the client's thread. */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CHILD_TIMEOUT).build();
    }
}
