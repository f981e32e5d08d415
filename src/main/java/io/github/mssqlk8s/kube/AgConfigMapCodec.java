package io.github.mssqlk8s.kube;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.github.mssqlk8s.ha.AvailabilityMode;
import io.github.mssqlk8s.ha.FailureCondition;
import io.github.mssqlk8s.ha.HealthStatus;
import io.github.mssqlk8s.ha.HealthVerdict;
import io.github.mssqlk8s.ha.ReplicaId;
import io.github.mssqlk8s.ha.ReplicaReport;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.ha.SynchronizationState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON of the AG ConfigMap's values (see {@link AgConfigMap}): instants as ISO-8601, durations in milliseconds,
 * enums by name, nulls left out; unknown fields and unknown enum values are ignored when read, so that newer
 * agents can add fields.
 */
public final class AgConfigMapCodec {

    private static final ObjectMapper JSON = Serialization.jsonMapper().copy()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private AgConfigMapCodec() {
    }

    /** A value that is not valid JSON of the expected shape. */
    public static final class MalformedEntryException extends Exception {
        MalformedEntryException(String message) {
            super(message);
        }
    }

    public static String encode(ReplicaReport report) {
        return write(ReportJson.of(report));
    }

    public static ReplicaReport decodeReport(String json) throws MalformedEntryException {
        try {
            return read(json, ReportJson.class).toReport();
        } catch (RuntimeException invalid) {
            throw new MalformedEntryException("not a replica report: " + invalid.getMessage());
        }
    }

    public static String encode(LeaderEntry leader) {
        return write(leader);
    }

    public static LeaderEntry decodeLeader(String json) throws MalformedEntryException {
        return read(json, LeaderEntry.class);
    }

    public static String encode(FailoverRequestEntry request) {
        return write(request);
    }

    public static FailoverRequestEntry decodeRequest(String json) throws MalformedEntryException {
        return read(json, FailoverRequestEntry.class);
    }

    public static String encode(FailoverOutcomeEntry outcome) {
        return write(outcome);
    }

    public static FailoverOutcomeEntry decodeOutcome(String json) throws MalformedEntryException {
        return read(json, FailoverOutcomeEntry.class);
    }

    /** Any value as JSON, e.g. a merge-patch body. */
    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T read(String json, Class<T> type) throws MalformedEntryException {
        if (json == null || json.isBlank()) {
            throw new MalformedEntryException("empty value");
        }
        try {
            T value = JSON.readValue(json, type);
            if (value == null) {
                throw new MalformedEntryException("null value");
            }
            return value;
        } catch (JsonProcessingException | RuntimeException invalid) {
            throw new MalformedEntryException(firstLine(invalid.getMessage()));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "invalid JSON" : message.lines().findFirst().orElse("invalid JSON");
    }

    /** {@code health} inside a report. */
    record HealthJson(HealthStatus status, FailureCondition condition, String reason) {

        static HealthJson of(HealthVerdict verdict) {
            return new HealthJson(verdict.status(), verdict.condition(), verdict.reason());
        }

        /**
         * An unknown status reads as UNKNOWN (never a trigger by itself); a FAILED one without a known condition
         * as DOWN, so that a failed replica is never mistaken for a fit one.
         */
        HealthVerdict toVerdict() {
            String text = reason == null ? "" : reason;
            if (status == null) {
                return HealthVerdict.unknown(text);
            }
            if (status == HealthStatus.FAILED && condition == null) {
                return HealthVerdict.failed(FailureCondition.DOWN, text);
            }
            return new HealthVerdict(status, condition, text);
        }
    }

    /** A {@link ReplicaReport} as the protocol spells it. */
    record ReportJson(String name, String replicaServerName, String podName, String podIp, String statefulSetName,
                      String endpointHost, AvailabilityMode mode, ReplicaRole role, Long sequenceNumber,
                      Map<String, SynchronizationState> databases, Long writeLeaseRemainingMillis,
                      Instant writeLeaseRenewedAt, boolean leadershipReleased, HealthJson health,
                      Instant promotionRefusedAt, Instant reportedAt, Instant publishedAt) {

        static ReportJson of(ReplicaReport r) {
            ReplicaId id = r.id();
            return new ReportJson(id.sqlServerName(), id.replicaServerName(), id.podName(), id.podIp(),
                    id.statefulSetName(), id.endpointHost(), r.mode(), r.role(), r.sequenceNumber(),
                    new TreeMap<>(r.databases()),
                    r.writeLeaseRemaining() == null ? null : r.writeLeaseRemaining().toMillis(),
                    r.writeLeaseRenewedAt(), r.leadershipReleased(), HealthJson.of(r.health()), r.promotionRefusedAt(),
                    r.reportedAt(), r.publishedAt());
        }

        /** Unknown roles read as UNKNOWN, unknown database states as NOT_SYNCHRONIZING: never better than known. */
        ReplicaReport toReport() {
            Map<String, SynchronizationState> states = new TreeMap<>();
            if (databases != null) {
                databases.forEach((db, state) -> states.put(db, state == null ? SynchronizationState.NOT_SYNCHRONIZING : state));
            }
            ReplicaId id = new ReplicaId(name, replicaServerName == null ? name : replicaServerName, podName, podIp,
                    statefulSetName, endpointHost);
            return new ReplicaReport(id, mode, role == null ? ReplicaRole.UNKNOWN : role, sequenceNumber, states,
                    writeLeaseRemainingMillis == null ? null : Duration.ofMillis(writeLeaseRemainingMillis),
                    writeLeaseRenewedAt, leadershipReleased,
                    health == null ? HealthVerdict.unknown("no health reported") : health.toVerdict(),
                    promotionRefusedAt, reportedAt, publishedAt);
        }
    }
}
