package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.ha.Decision;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's meters, tagged with the AG: {@code mssql_ag_role{role}} (1 for the current role),
 * {@code mssql_ag_lease_held}, {@code mssql_ag_write_lease_remaining_seconds} and
 * {@code mssql_ag_decisions_total{decision}}.
 */
final class AgAgentMetrics {

    private final MeterRegistry registry;
    private final Tags tags;
    private final Map<ReplicaRole, AtomicInteger> roles = new EnumMap<>(ReplicaRole.class);
    private final AtomicInteger leaseHeld = new AtomicInteger();
    private final AtomicInteger writeLeaseMillis = new AtomicInteger();

    AgAgentMetrics(MeterRegistry registry, String availabilityGroup) {
        this.registry = registry;
        this.tags = Tags.of("ag", availabilityGroup);
        for (ReplicaRole role : ReplicaRole.values()) {
            AtomicInteger value = new AtomicInteger();
            roles.put(role, value);
            Gauge.builder("mssql.ag.role", value, AtomicInteger::get).tags(tags.and("role", lower(role)))
                    .description("1 for the local replica's current role").register(registry);
        }
        Gauge.builder("mssql.ag.lease.held", leaseHeld, AtomicInteger::get).tags(tags)
                .description("1 while this agent holds the AG's Lease").register(registry);
        Gauge.builder("mssql.ag.write.lease.remaining.seconds", writeLeaseMillis, v -> v.get() / 1000.0).tags(tags)
                .description("the SQL write lease left on the primary").register(registry);
    }

    void observed(ReplicaRole role, boolean holdsLease, long writeLeaseRemainingMillis) {
        roles.forEach((r, value) -> value.set(r == role ? 1 : 0));
        leaseHeld.set(holdsLease ? 1 : 0);
        writeLeaseMillis.set((int) Math.min(Integer.MAX_VALUE, writeLeaseRemainingMillis));
    }

    void decided(Decision decision) {
        registry.counter("mssql.ag.decisions", tags.and("decision", decision.getClass().getSimpleName())).increment();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
