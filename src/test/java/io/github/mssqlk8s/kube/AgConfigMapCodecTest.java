package io.github.mssqlk8s.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;

class AgConfigMapCodecTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static ReplicaReport primaryReport() {
        return new ReplicaReport(new ReplicaId("mssql1", "mssql1-0", "mssql1-0", "10.0.0.1", "mssql1",
                "mssql1-0.mssql1-hadr.ns.svc"), AvailabilityMode.SYNCHRONOUS_COMMIT, ReplicaRole.PRIMARY, 7L,
                Map.of("db1", SynchronizationState.SYNCHRONIZED, "db2", SynchronizationState.SYNCHRONIZING),
                Duration.ofMillis(6500), T0.minusMillis(500), false,
                HealthVerdict.failed(FailureCondition.SYSTEM_ERROR, "component system in error"), T0.minusSeconds(9), T0);
    }

    @Test
    void aReportSurvivesTheRoundTripWithTheProtocolsFieldNames() throws Exception {
        String json = AgConfigMapCodec.encode(primaryReport());

        assertThat(json).contains("\"name\":\"mssql1\"", "\"replicaServerName\":\"mssql1-0\"", "\"podIp\":\"10.0.0.1\"",
                "\"role\":\"PRIMARY\"", "\"mode\":\"SYNCHRONOUS_COMMIT\"", "\"sequenceNumber\":7",
                "\"writeLeaseRemainingMillis\":6500", "\"writeLeaseRenewedAt\":\"2025-12-31T23:59:59.500Z\"",
                "\"reportedAt\":\"2026-01-01T00:00:00Z\"", "\"db2\":\"SYNCHRONIZING\"",
                "\"health\":{\"status\":\"FAILED\",\"condition\":\"SYSTEM_ERROR\"");
        assertThat(AgConfigMapCodec.decodeReport(json)).isEqualTo(primaryReport());
    }

    @Test
    void unknownFieldsAreIgnoredAndUnknownValuesReadAsNeverBetterThanKnown() throws Exception {
        String json = """
                {"name":"mssql2","mode":"SYNCHRONOUS_COMMIT","role":"SOMETHING_NEW","futureField":{"a":1},
                 "databases":{"db1":"FANCY_NEW_STATE"},"health":{"status":"FAILED","reason":"down"},
                 "reportedAt":"2026-01-01T00:00:01Z"}""";

        ReplicaReport report = AgConfigMapCodec.decodeReport(json);

        assertThat(report.role()).isEqualTo(ReplicaRole.UNKNOWN);
        assertThat(report.databases()).containsEntry("db1", SynchronizationState.NOT_SYNCHRONIZING);
        assertThat(report.health().status()).isEqualTo(HealthStatus.FAILED);
        assertThat(report.health().condition()).isEqualTo(FailureCondition.DOWN);
        assertThat(report.id().replicaServerName()).isEqualTo("mssql2");
        assertThat(report.sequenceNumber()).isNull();
    }

    @Test
    void aReportWithoutItsRequiredFieldsOrNotJsonIsMalformed() {
        assertThatThrownBy(() -> AgConfigMapCodec.decodeReport("{\"name\":\"mssql2\"}"))
                .isInstanceOf(AgConfigMapCodec.MalformedEntryException.class).hasMessageContaining("mode");
        assertThatThrownBy(() -> AgConfigMapCodec.decodeReport("not json"))
                .isInstanceOf(AgConfigMapCodec.MalformedEntryException.class);
        assertThatThrownBy(() -> AgConfigMapCodec.decodeRequest(""))
                .isInstanceOf(AgConfigMapCodec.MalformedEntryException.class).hasMessage("empty value");
    }

    @Test
    void requestOutcomeAndLeaderUseLowerCaseStatesAndIsoInstants() throws Exception {
        FailoverRequestEntry request = new FailoverRequestEntry("id-1", "!mssql1", "mssql2", true, T0, "failover-x");
        FailoverOutcomeEntry outcome = new FailoverOutcomeEntry("id-1", FailoverOutcomeEntry.State.REFUSED,
                "41142: not synchronized", T0.plusSeconds(3));
        LeaderEntry leader = new LeaderEntry("mssql2", "mssql2", T0, new LastFailover(T0, "mssql1", "mssql2",
                LastFailover.Kind.PLANNED, "manual failover"), Map.of("mssql3", "not synchronized"), "HoldPrimary: ...");

        assertThat(AgConfigMapCodec.encode(request)).isEqualTo("{\"id\":\"id-1\",\"requested\":\"!mssql1\","
                + "\"target\":\"mssql2\",\"forced\":true,\"requestedAt\":\"2026-01-01T00:00:00Z\",\"requestedBy\":\"failover-x\"}");
        assertThat(AgConfigMapCodec.encode(outcome)).contains("\"state\":\"refused\"", "\"at\":\"2026-01-01T00:00:03Z\"");
        assertThat(AgConfigMapCodec.encode(leader)).contains("\"kind\":\"planned\"", "\"notPromoted\":{\"mssql3\"");

        assertThat(AgConfigMapCodec.decodeRequest(AgConfigMapCodec.encode(request))).isEqualTo(request);
        assertThat(AgConfigMapCodec.decodeOutcome(AgConfigMapCodec.encode(outcome))).isEqualTo(outcome);
        assertThat(AgConfigMapCodec.decodeLeader(AgConfigMapCodec.encode(leader))).isEqualTo(leader);
    }
}
