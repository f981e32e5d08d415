package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an AG agent publishes about its replica every monitor period, and what every agent sees of its
 * peers. The local replica's own current observation has the same shape.
 *
 * @param id                   who
 * @param mode                 the availability mode the replica itself reports
 * @param role                 its SQL role
 * @param sequenceNumber       {@code sys.availability_groups.sequence_number}, null when unknown
 * @param databases            per database, the local synchronization state
 * @param writeLeaseRemaining  the SQL write lease left when reported (primary only), null otherwise
 * @param writeLeaseRenewedAt  when this agent last renewed the SQL write lease, null if never
 * @param leadershipReleased   the agent stopped renewing the write lease and released the Lease; then
 *                             {@code writeLeaseRenewedAt} is final
 * @param health               the health agent's verdict on the instance
 * @param promotionRefusedAt   when SQL Server last refused to promote this replica ({@code FAILOVER}, error
 *                             41142); null when it has not since it was last a secondary of a live primary
 * @param reportedAt           when the SQL Server state it reports was read
 * @param publishedAt          when the report was published (its writer's clock, like every time in a published
 *                             report); {@code publishedAt - reportedAt} is how long the writer's tick took between
 *                             its SQL read and publication, which a reader needs to place the read on its own
 *                             clock (contract §6: times are never compared across pods)
 */
public record ReplicaReport(
        ReplicaId id,
        AvailabilityMode mode,
        ReplicaRole role,
        Long sequenceNumber,
        Map<String, SynchronizationState> databases,
        Duration writeLeaseRemaining,
        Instant writeLeaseRenewedAt,
        boolean leadershipReleased,
        HealthVerdict health,
        Instant promotionRefusedAt,
        Instant reportedAt,
        Instant publishedAt) {

    public ReplicaReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(role, "role");
        databases = Map.copyOf(databases);
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(reportedAt, "reportedAt");
        publishedAt = publishedAt == null ? reportedAt : publishedAt;
    }

    /** A report published the moment it was read. */
    public ReplicaReport(ReplicaId id, AvailabilityMode mode, ReplicaRole role, Long sequenceNumber,
                         Map<String, SynchronizationState> databases, Duration writeLeaseRemaining,
                         Instant writeLeaseRenewedAt, boolean leadershipReleased, HealthVerdict health,
                         Instant promotionRefusedAt, Instant reportedAt) {
        this(id, mode, role, sequenceNumber, databases, writeLeaseRemaining, writeLeaseRenewedAt, leadershipReleased,
                health, promotionRefusedAt, reportedAt, reportedAt);
    }

    /**
     * The same report with its times moved onto a reader's clock: read no earlier than {@code readAt}, the final
     * write-lease renewal no later than {@code writeLeaseRenewedAt}.
     */
    public ReplicaReport onReaderClock(Instant readAt, Instant writeLeaseRenewedBy) {
        return new ReplicaReport(id, mode, role, sequenceNumber, databases, writeLeaseRemaining, writeLeaseRenewedBy,
                leadershipReleased, health, promotionRefusedAt, readAt, readAt);
    }

    public String name() {
        return id.name();
    }

    /** Reported within {@code staleAfter} before {@code now}. */
    public boolean isFreshAt(Instant now, Duration staleAfter) {
        return !reportedAt.plus(staleAfter).isBefore(now);
    }

    /** Has databases and every one of them is SYNCHRONIZED. */
    public boolean isSynchronized() {
        return !databases.isEmpty()
                && databases.values().stream().allMatch(s -> s == SynchronizationState.SYNCHRONIZED);
    }

    /** The first database that is not SYNCHRONIZED, as "db: STATE", for reasons; null when synchronized. */
    String firstUnsynchronized() {
        if (databases.isEmpty()) {
            return "no databases";
        }
        return new TreeMap<>(databases).entrySet().stream()
                .filter(e -> e.getValue() != SynchronizationState.SYNCHRONIZED)
                .map(e -> e.getKey() + ": " + e.getValue())
                .findFirst().orElse(null);
    }

    /** The reported role is one in which SQL Server refuses writes: the replica is demoted. */
    boolean isDemoted() {
        return role == ReplicaRole.RESOLVING || role == ReplicaRole.SECONDARY || role == ReplicaRole.NOT_JOINED;
    }
}
