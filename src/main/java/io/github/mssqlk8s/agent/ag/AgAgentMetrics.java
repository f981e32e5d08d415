package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.ha.Decision;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.kube.LastFailover;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's meters, all tagged {@code ag}; Prometheus names:
 * <ul>
 *   <li>{@code mssql_ag_role{role}}: 1 for the local replica's current role, 0 for the others;</li>
 *   <li>{@code mssql_ag_lease_held}: 1 while this agent holds the AG's Lease;</li>
 *   <li>{@code mssql_ag_write_lease_remaining_seconds}: the SQL write lease left on the primary;</li>
 *   <li>{@code mssql_ag_decisions_total{decision}}: ticks by the decider's decision (its record's name);</li>
 *   <li>{@code mssql_ag_failovers_total{kind}}: promotions of this replica, {@code automatic}, {@code planned}
 *       or {@code forced};</li>
 *   <li>{@code mssql_ag_lease_renewals_total{result}}: Lease renewals, {@code renewed} or {@code failed};</li>
 *   <li>{@code mssql_ag_write_lease_renewals_total{result}}: SQL write-lease renewals, {@code renewed},
 *       {@code failed}, or {@code skipped} when the Lease renewal before it came back too late.</li>
 * </ul>
 * Every tag value is registered at zero from the start, so a rate over them is defined before the first event.
 */
final class AgAgentMetrics {

    private final Map<ReplicaRole, AtomicInteger> roles = new EnumMap<>(ReplicaRole.class);
    private final AtomicInteger leaseHeld = new AtomicInteger();
    private final AtomicInteger writeLeaseMillis = new AtomicInteger();
    private final Map<Class<?>, Counter> decisions = new HashMap<>();
    private final Map<LastFailover.Kind, Counter> failovers = new EnumMap<>(LastFailover.Kind.class);
    private final Map<Boolean, Counter> leaseRenewals = new HashMap<>();
    private final Map<WriteLeaseRenewal, Counter> writeLeaseRenewals = new EnumMap<>(WriteLeaseRenewal.class);

    /** How one attempt to renew the SQL write lease ended. */
    enum WriteLeaseRenewal {
        RENEWED, FAILED, SKIPPED
    }

    AgAgentMetrics(MeterRegistry registry, String availabilityGroup) {
        Tags tags = Tags.of("ag", availabilityGroup);
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
        for (Class<?> kind : Decision.class.getPermittedSubclasses()) {
            decisions.put(kind, Counter.builder("mssql.ag.decisions").tags(tags.and("decision", kind.getSimpleName()))
                    .description("ticks by the decider's decision").register(registry));
        }
        for (LastFailover.Kind kind : LastFailover.Kind.values()) {
            failovers.put(kind, Counter.builder("mssql.ag.failovers").tags(tags.and("kind", lower(kind)))
                    .description("promotions of this replica to primary").register(registry));
        }
        for (boolean renewed : new boolean[] {true, false}) {
            leaseRenewals.put(renewed, Counter.builder("mssql.ag.lease.renewals")
                    .tags(tags.and("result", renewed ? "renewed" : "failed"))
                    .description("renewals of the AG's Lease by this agent").register(registry));
        }
        for (WriteLeaseRenewal result : WriteLeaseRenewal.values()) {
            writeLeaseRenewals.put(result, Counter.builder("mssql.ag.write.lease.renewals")
                    .tags(tags.and("result", lower(result)))
                    .description("renewals of the SQL write lease by this agent").register(registry));
        }
    }

    void observed(ReplicaRole role, boolean holdsLease, long writeLeaseRemainingMillis) {
        roles.forEach((r, value) -> value.set(r == role ? 1 : 0));
        leaseHeld.set(holdsLease ? 1 : 0);
        writeLeaseMillis.set((int) Math.min(Integer.MAX_VALUE, writeLeaseRemainingMillis));
    }

    void decided(Decision decision) {
        decisions.get(decision.getClass()).increment();
    }

    void promoted(LastFailover.Kind kind) {
        failovers.get(kind).increment();
    }

    void leaseRenewal(boolean renewed) {
        leaseRenewals.get(renewed).increment();
    }

    void writeLeaseRenewal(WriteLeaseRenewal result) {
        writeLeaseRenewals.get(result).increment();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
