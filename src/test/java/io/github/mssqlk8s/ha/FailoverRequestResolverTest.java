package io.github.mssqlk8s.ha;

import static io.github.mssqlk8s.ha.Fixtures.T0;
import static io.github.mssqlk8s.ha.Fixtures.at;
import static io.github.mssqlk8s.ha.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailoverRequestResolverTest {

    /** mssql2's names all differ, so that each form is told apart. */
    private static final ReplicaId MSSQL2 = new ReplicaId("mssql2", "SQL2", "mssql2-sts-0", "10.0.0.2", "mssql2-sts",
            "mssql2-sts-0.mssql2.ns.svc");

    /** mssql1 primary; mssql2 synchronized; mssql3 still synchronizing; dr async; witness configuration-only. */
    private static final List<ReplicaReport> REPORTS = List.of(
            report("mssql1").primary().build(),
            report("mssql2").id(MSSQL2).build(),
            report("mssql3").db("db1", SynchronizationState.SYNCHRONIZING).build(),
            report("dr").async().build(),
            report("witness").configOnly().build());

    private static final List<Member> MEMBERSHIP = REPORTS.stream().map(r -> new Member(r.id(), r.mode())).toList();

    private static FailoverResolution resolve(String target, boolean allowDataLoss) {
        return FailoverRequestResolver.resolve(target, allowDataLoss, REPORTS, MEMBERSHIP, null, T0, Duration.ofSeconds(3));
    }

    @ParameterizedTest(name = "''{0}'' (data loss allowed: {1}) -> {2}")
    @CsvSource(nullValues = "null", value = {
            // target,                     allow, resolved to, forced, reason keyword
            "mssql2,                       false, mssql2, false, failover to mssql2, which is synchronized",
            "SQL2,                         false, mssql2, false, synchronized",   // server name
            "sql2,                         false, mssql2, false, synchronized",   // server names ignore case
            "mssql2-sts-0,                 false, mssql2, false, synchronized",   // pod name
            "10.0.0.2,                     false, mssql2, false, synchronized",   // pod IP
            "mssql2-sts,                   false, mssql2, false, synchronized",   // StatefulSet name
            "mssql2-sts-0.mssql2.ns.svc,   false, mssql2, false, synchronized",   // host name
            "'',                           false, mssql2, false, the best synchronized secondary",
            "null,                         false, mssql2, false, the best synchronized secondary",
            "!mssql1,                      false, mssql2, false, best synchronized secondary other than mssql1",
            "mssql3,                       true,  mssql3, true,  not synchronized (db1: SYNCHRONIZING): data loss allowed",
            "mssql2,                       true,  mssql2, false, which is synchronized",
    })
    void resolves(String target, boolean allowDataLoss, String expected, boolean forced, String keyword) {
        FailoverResolution resolution = resolve(target, allowDataLoss);

        assertThat(resolution).isInstanceOfSatisfying(FailoverResolution.Resolved.class, r -> {
            assertThat(r.target().name()).isEqualTo(expected);
            assertThat(r.forced()).isEqualTo(forced);
            assertThat(r.reason()).contains(keyword);
        });
    }

    @ParameterizedTest(name = "''{0}'' (data loss allowed: {1}) refused")
    @CsvSource({
            "nosuch,   false, unknown failover target 'nosuch'; valid targets: mssql2 (pod mssql2-sts-0, 10.0.0.2), mssql3 (pod mssql3-0, 10.0.0.3)",
            "!nosuch,  false, unknown failover target 'nosuch'",
            "mssql3,   false, mssql3 is not synchronized (db1: SYNCHRONIZING); set FORCE_FAILOVER_ALLOW_DATA_LOSS=true",
            "dr,       false, dr is asynchronous-commit; only synchronous-commit replicas can become primary",
            "dr,       true,  valid targets: mssql2",
            "witness,  true,  witness is configuration-only",
            "mssql1,   false, mssql1 is already the primary",
            "!mssql2,  false, no synchronized secondary other than mssql2 to fail over to: mssql3 is not synchronized",
    })
    void refuses(String target, boolean allowDataLoss, String keyword) {
        FailoverResolution resolution = resolve(target, allowDataLoss);

        assertThat(resolution).isInstanceOf(FailoverResolution.Refused.class);
        assertThat(resolution.reason()).contains(keyword).doesNotContain("\n");
    }

    @Test
    void aSecondRequestWhileOneIsInFlightIsRefused() {
        ManualFailoverRequest inFlight = new ManualFailoverRequest("mssql3", false, at(-5));

        FailoverResolution resolution = FailoverRequestResolver.resolve("mssql2", false, REPORTS, MEMBERSHIP, inFlight, T0,
                Duration.ofSeconds(3));

        assertThat(resolution).isInstanceOf(FailoverResolution.Refused.class);
        assertThat(resolution.reason()).contains("a failover to mssql3", "still in progress");
    }

    @Test
    void aTargetThatStoppedReportingIsRefused() {
        List<ReplicaReport> reports = List.of(report("mssql1").primary().build(), report("mssql2").at(at(-30)).build());
        List<Member> membership = reports.stream().map(r -> new Member(r.id(), r.mode())).toList();

        FailoverResolution resolution = FailoverRequestResolver.resolve("mssql2", false, reports, membership, null, T0,
                Duration.ofSeconds(3));

        assertThat(resolution).isInstanceOf(FailoverResolution.Refused.class);
        assertThat(resolution.reason()).contains("mssql2 has not reported for 30s");
    }

    @Test
    void aNameTwoReplicasAnswerToIsRefusedAsAmbiguous() {
        ReplicaId confusing = new ReplicaId("mssql9", "mssql9", "mssql9-0", null, "mssql2", null);
        List<ReplicaReport> reports = List.of(report("mssql2").build(), report("mssql9").id(confusing).build());
        List<Member> membership = reports.stream().map(r -> new Member(r.id(), r.mode())).toList();

        FailoverResolution resolution = FailoverRequestResolver.resolve("mssql2", false, reports, membership, null, T0,
                Duration.ofSeconds(3));

        assertThat(resolution.reason()).contains("ambiguous", "mssql2, mssql9");
    }
}
