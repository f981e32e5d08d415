package io.github.mssqlk8s.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mssqlk8s.ha.ManualFailoverRequest;
import io.github.mssqlk8s.kube.FailoverOutcomeEntry.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a failover request is in flight (the protocol's rules), as a table. */
class AgConfigMapStateTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final FailoverRequestEntry REQUEST = new FailoverRequestEntry("r1", "mssql2", "mssql2", false, T0, "job");

    static AgConfigMapState state(FailoverRequestEntry request, FailoverOutcomeEntry outcome) {
        return new AgConfigMapState(Map.of(), null, request, outcome, "1", List.of());
    }

    static FailoverOutcomeEntry outcome(String id, State state) {
        return new FailoverOutcomeEntry(id, state, "m", T0.plusSeconds(1));
    }

    @Test
    void inFlightTable() {
        record Row(String what, AgConfigMapState state, Instant now, boolean inFlight, boolean timedOut) {
        }
        List<Row> rows = List.of(
                new Row("no request", state(null, null), T0, false, false),
                new Row("fresh, no outcome", state(REQUEST, null), T0.plusSeconds(1), true, false),
                new Row("accepted", state(REQUEST, outcome("r1", State.ACCEPTED)), T0.plusSeconds(5), true, false),
                new Row("succeeded", state(REQUEST, outcome("r1", State.SUCCEEDED)), T0.plusSeconds(5), false, false),
                new Row("refused", state(REQUEST, outcome("r1", State.REFUSED)), T0.plusSeconds(5), false, false),
                new Row("failed", state(REQUEST, outcome("r1", State.FAILED)), T0.plusSeconds(5), false, false),
                new Row("outcome of an older request", state(REQUEST, outcome("r0", State.SUCCEEDED)), T0.plusSeconds(5), true, false),
                new Row("just before the timeout", state(REQUEST, null), T0.plus(TIMEOUT).minusMillis(1), true, false),
                new Row("at the timeout", state(REQUEST, null), T0.plus(TIMEOUT), false, true),
                new Row("timed out but accepted", state(REQUEST, outcome("r1", State.ACCEPTED)), T0.plusSeconds(300), false, true),
                new Row("timed out after success", state(REQUEST, outcome("r1", State.SUCCEEDED)), T0.plusSeconds(300), false, false));
        for (Row row : rows) {
            assertThat(row.state().requestInFlight(row.now(), TIMEOUT).isPresent()).as(row.what() + ": in flight")
                    .isEqualTo(row.inFlight());
            assertThat(row.state().requestTimedOut(row.now(), TIMEOUT).isPresent()).as(row.what() + ": timed out")
                    .isEqualTo(row.timedOut());
        }
    }

    @Test
    void theDeciderGetsOnlyARequestInFlight() {
        assertThat(state(REQUEST, null).manualRequest(T0.plusSeconds(1), TIMEOUT))
                .contains(new ManualFailoverRequest("mssql2", false, T0));
        assertThat(state(REQUEST, outcome("r1", State.REFUSED)).manualRequest(T0.plusSeconds(1), TIMEOUT)).isEmpty();
    }
}
