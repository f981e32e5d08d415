package io.github.mssqlk8s.ha;

import static io.github.mssqlk8s.ha.Fixtures.T0;
import static io.github.mssqlk8s.ha.Fixtures.at;
import static io.github.mssqlk8s.ha.Fixtures.member;
import static io.github.mssqlk8s.ha.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CandidateRankingTest {

    private static final Duration STALE_AFTER = Duration.ofSeconds(3);
    private static final AvailabilityMode SYNC = AvailabilityMode.SYNCHRONOUS_COMMIT;

    private static Arguments rankCase(String name, List<Fixtures.Report> reports, List<String> expectedOrder,
                                      String rejected, String whyNotKeyword) {
        return Arguments.of(Named.of(name, reports), List.of(), expectedOrder, rejected, whyNotKeyword);
    }

    /** As {@link #rankCase} but the membership asks for synchronous commit for {@code wantedSync}. */
    private static Arguments rankCaseWantingSync(String name, List<Fixtures.Report> reports, List<String> wantedSync,
                                                 List<String> expectedOrder, String rejected, String whyNotKeyword) {
        return Arguments.of(Named.of(name, reports), wantedSync, expectedOrder, rejected, whyNotKeyword);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                rankCase("higher sequence number first",
                        List.of(report("mssql1").seq(41L), report("mssql2").seq(43L), report("mssql3").seq(42L)),
                        List.of("mssql2", "mssql3", "mssql1"),
                        "mssql1", "mssql1's sequence number 41 is lower than mssql2's 43"),
                rankCase("synchronized before not synchronized at equal sequence numbers",
                        List.of(report("mssql1").db("db2", SynchronizationState.SYNCHRONIZING), report("mssql2")),
                        List.of("mssql2", "mssql1"),
                        "mssql1", "not synchronized (db2: SYNCHRONIZING) while mssql2 is"),
                rankCase("a primary that stepped down is not promoted back while an equal replica exists",
                        List.of(report("mssql1").resolving().released(), report("mssql2")),
                        List.of("mssql2", "mssql1"),
                        "mssql1", "stepped down as primary"),
                rankCase("ties broken by name",
                        List.of(report("mssql3"), report("mssql2")),
                        List.of("mssql2", "mssql3"),
                        "mssql3", "ties with mssql2, which sorts first by name"),
                rankCase("asynchronous-commit never promoted automatically",
                        List.of(report("mssql1").async().seq(99L), report("mssql2")),
                        List.of("mssql2"),
                        "mssql1", "mssql1 is asynchronous-commit, never promoted automatically"),
                rankCase("configuration-only never promoted",
                        List.of(report("mssql1").configOnly().seq(99L), report("mssql2")),
                        List.of("mssql2"),
                        "mssql1", "configuration-only, never promoted"),
                rankCaseWantingSync("a replica SQL Server switched to asynchronous is not promoted",
                        List.of(report("mssql1").async().seq(99L), report("mssql2")),
                        List.of("mssql1"),
                        List.of("mssql2"),
                        "mssql1", "reports itself asynchronous-commit"),
                rankCase("failed health excluded",
                        List.of(report("mssql1").failed().seq(99L), report("mssql2")),
                        List.of("mssql2"),
                        "mssql1", "health failed"),
                rankCase("stale report excluded",
                        List.of(report("mssql1").seq(99L).at(at(-10)), report("mssql2")),
                        List.of("mssql2"),
                        "mssql1", "report is stale (last one 10s ago)"),
                rankCase("unknown sequence number excluded",
                        List.of(report("mssql1").seq(null), report("mssql2")),
                        List.of("mssql2"),
                        "mssql1", "sequence number is unknown"),
                rankCase("unreachable excluded",
                        List.of(report("mssql1").role(ReplicaRole.UNKNOWN), report("mssql2")),
                        List.of("mssql2"),
                        "mssql1", "unreachable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ranks(List<Fixtures.Report> reports, List<String> wantedSync, List<String> expectedOrder, String rejected,
               String whyNotKeyword) {
        List<ReplicaReport> built = reports.stream().map(Fixtures.Report::build).toList();
        List<Member> membership = built.stream()
                .map(r -> member(r.name(), wantedSync.contains(r.name()) ? SYNC : r.mode()))
                .toList();

        Ranking ranking = CandidateRanking.rank(built, membership, T0, STALE_AFTER);

        assertThat(ranking.candidates()).extracting(ReplicaReport::name).containsExactlyElementsOf(expectedOrder);
        assertThat(ranking.rejectionOf(rejected)).hasValueSatisfying(r -> assertThat(r.reason()).contains(whyNotKeyword));
    }

    @org.junit.jupiter.api.Test
    void aNonMemberIsNeverACandidate() {
        Ranking ranking = CandidateRanking.rank(List.of(report("stranger").build()), List.of(), T0, STALE_AFTER);

        assertThat(ranking.best()).isEmpty();
        assertThat(ranking.explainRejections()).contains("stranger is not a member");
    }
}
