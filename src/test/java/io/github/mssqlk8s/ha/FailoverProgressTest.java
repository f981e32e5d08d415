package io.github.mssqlk8s.ha;

import static io.github.mssqlk8s.ha.Fixtures.T0;
import static io.github.mssqlk8s.ha.Fixtures.at;
import static io.github.mssqlk8s.ha.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mssqlk8s.ha.FailoverProgress.Failed;
import io.github.mssqlk8s.ha.FailoverProgress.Following;
import io.github.mssqlk8s.ha.FailoverProgress.Observation;
import io.github.mssqlk8s.ha.FailoverProgress.Outcome;
import io.github.mssqlk8s.ha.FailoverProgress.OutcomeState;
import io.github.mssqlk8s.ha.FailoverProgress.Step;
import io.github.mssqlk8s.ha.FailoverProgress.Succeeded;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FailoverProgressTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** mssql1 primary → mssql2; mssql3 an uninvolved secondary. */
    private static FailoverProgress switchover() {
        return new FailoverProgress("mssql2", "mssql1", T0, TIMEOUT);
    }

    /**
     * One observation from a compact row: outcome ("-" none), the three replicas' reported roles (P/S/R/U/-)
     * and role labels (p/s/-).
     */
    private static Observation look(double seconds, String outcome, String roles, String labels) {
        Map<String, ReplicaRole> reported = new HashMap<>();
        Map<String, String> labelled = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            String name = "mssql" + (i + 1);
            switch (roles.charAt(i)) {
                case 'P' -> reported.put(name, ReplicaRole.PRIMARY);
                case 'S' -> reported.put(name, ReplicaRole.SECONDARY);
                case 'R' -> reported.put(name, ReplicaRole.RESOLVING);
                case 'U' -> reported.put(name, ReplicaRole.UNKNOWN);
                default -> { }
            }
            switch (labels.charAt(i)) {
                case 'p' -> labelled.put(name, "primary");
                case 's' -> labelled.put(name, "secondary");
                default -> { }
            }
        }
        Outcome agents = outcome.equals("-") ? null : new Outcome(OutcomeState.valueOf(outcome.toUpperCase()), "msg");
        return new Observation(at(seconds), agents, reported, labelled);
    }

    @ParameterizedTest(name = "{1} {2} {3} -> {4}")
    @CsvSource({
            // outcome,  roles, labels, verdict,   what it still waits for
            "0, -,         PSS,   pss,    following, the agents to report success (outcome: none yet)",
            "0, accepted,  RSS,   -ss,    following, mssql2 to report PRIMARY (reports SECONDARY)",
            "0, succeeded, SPS,   pss,    following, the primary label to leave mssql1",
            "0, succeeded, SPS,   s-s,    following, mssql2's pod to be labelled primary",
            "0, succeeded, RPS,   sps,    following, mssql1 to report SECONDARY (reports RESOLVING)",
            "0, succeeded, UPS,   sps,    following, mssql1 to report SECONDARY (reports UNKNOWN)",
            "0, succeeded, SPS,   sps,    succeeded, mssql2 is the primary and the only pod labelled primary; mssql1 is a secondary",
            "0, succeeded, SPS,   sp-,    succeeded, mssql1 is a secondary",
            "0, accepted,  SPS,   sps,    following, the agents to report success (outcome: accepted)",
            "0, refused,   PSS,   pss,    failed,    the agents refused the failover to mssql2: msg",
            "0, failed,    RSS,   -ss,    failed,    the failover to mssql2 failed: msg",
            "0, refused,   SPS,   sps,    failed,    refused",
            "120, accepted, RPS,  sps,    failed,    timed out after 120s waiting for the agents to report success (outcome: accepted), mssql1 to report SECONDARY (reports RESOLVING)",
            "119.9, accepted, RPS, sps,   following, mssql1 to report SECONDARY",
            "120, succeeded, SPS, sps,    succeeded, mssql2 is the primary",
    })
    void judgesOneObservation(double seconds, String outcome, String roles, String labels, String verdict, String text) {
        Step step = switchover().observe(look(seconds, outcome, roles, labels));

        switch (verdict) {
            case "following" -> {
                assertThat(step.verdict()).isInstanceOf(Following.class);
                // A timeout right now would name what is missing: the same words tell why it still follows.
                Step late = switchover().observe(look(TIMEOUT.toSeconds(), outcome, roles, labels));
                assertThat(((Failed) late.verdict()).reason()).contains(text);
            }
            case "succeeded" -> assertThat(step.verdict()).isInstanceOfSatisfying(Succeeded.class,
                    s -> assertThat(s.summary()).contains(text));
            default -> assertThat(step.verdict()).isInstanceOfSatisfying(Failed.class,
                    f -> assertThat(f.reason()).contains(text));
        }
    }

    @Test
    void printsEachChangeOnceInTheOrderSeen() {
        FailoverProgress progress = switchover();
        List<List<String>> printed = List.of(
                progress.observe(look(0, "-", "PSS", "pss")).lines(),
                progress.observe(look(0.5, "accepted", "PSS", "pss")).lines(),
                progress.observe(look(1, "accepted", "PSS", "pss")).lines(),
                progress.observe(look(1.5, "accepted", "RSS", "-ss")).lines(),
                progress.observe(look(2, "accepted", "RPS", "-ps")).lines(),
                progress.observe(look(2.5, "succeeded", "SPS", "sps")).lines());

        assertThat(printed).containsExactly(
                List.of(),
                List.of("agents: accepted: msg"),
                List.of(),
                List.of("mssql1 reports RESOLVING (was PRIMARY)", "mssql1's pod lost its role label"),
                List.of("mssql2 reports PRIMARY (was SECONDARY)", "mssql2's pod is labelled primary"),
                List.of("agents: succeeded: msg", "mssql1 reports SECONDARY (was RESOLVING)", "mssql1's pod is labelled secondary"));
    }

    @Test
    void withoutAnOldPrimaryNoDemotionIsAwaited() {
        FailoverProgress forced = new FailoverProgress("mssql2", null, T0, TIMEOUT);

        assertThat(forced.observe(look(3, "succeeded", "UPS", "-p-")).verdict()).isInstanceOf(Succeeded.class);
    }

    @Test
    void aTargetThatWasAlreadyTheOldPrimaryIsNotAwaitedTwice() {
        FailoverProgress odd = new FailoverProgress("mssql2", "mssql2", T0, TIMEOUT);

        assertThat(odd.observe(look(3, "succeeded", "UPS", "-p-")).verdict()).isInstanceOf(Succeeded.class);
    }

    @Test
    void dataLossEstimateSaysHowFarBehindTheTargetWas() {
        ReplicaReport target = report("mssql2").seq(40L).db("db1", SynchronizationState.SYNCHRONIZING).build();
        ReplicaReport oldPrimary = report("mssql1").primary().seq(43L).build();

        assertThat(DataLossEstimate.describe(target, oldPrimary))
                .startsWith("forced failover: data may have been lost. ")
                .contains("mssql2 was not synchronized (db1: SYNCHRONIZING), sequence number 40")
                .contains("the last primary mssql1 had sequence number 43 (mssql2 had missed 3 configuration changes)");
        assertThat(DataLossEstimate.describe(report("mssql2").seq(43L).build(), oldPrimary))
                .contains("mssql2 had all databases synchronized", "(no configuration change missed)");
        assertThat(DataLossEstimate.describe(report("mssql2").seq(null).build(), null))
                .contains("sequence number unknown; no primary was reporting");
    }
}
