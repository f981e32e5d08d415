package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.ha.ReplicaRole;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;

/**
 * What an ag-agent child's {@code /q/metrics} says, made by Micrometer as in the child: JVM meters and the agent's,
 * all carrying the child's {@code ag} tag (the child's common tag).
 */
final class ChildExposition {

    private ChildExposition() {
    }

    static String of(String group, ReplicaRole role) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.commonTags(Tags.of("ag", group)));
        new JvmThreadMetrics().bindTo(registry);
        new AgAgentMetrics(registry, group).observed(role, role == ReplicaRole.PRIMARY, 0);
        return registry.scrape(TextFormat.CONTENT_TYPE_004);
    }

    /** The supervisor's side: JVM meters without an {@code ag} tag, and its count of failed child scrapes. */
    static String supervisor(String silentGroup) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmThreadMetrics().bindTo(registry);
        registry.counter(SupervisorMetrics.SCRAPE_FAILURES, "ag", silentGroup).increment();
        return registry.scrape(TextFormat.CONTENT_TYPE_004);
    }
}
