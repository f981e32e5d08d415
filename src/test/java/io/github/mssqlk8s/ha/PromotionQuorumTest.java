package io.github.mssqlk8s.ha;

import static io.github.mssqlk8s.ha.Fixtures.at;
import static io.github.mssqlk8s.ha.Fixtures.member;
import static io.github.mssqlk8s.ha.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PromotionQuorumTest {

    private static final AvailabilityMode SYNC = AvailabilityMode.SYNCHRONOUS_COMMIT;
    private static final AvailabilityMode ASYNC = AvailabilityMode.ASYNCHRONOUS_COMMIT;
    private static final AvailabilityMode CONFIG = AvailabilityMode.CONFIGURATION_ONLY;
    /** The primary was lost (the Lease taken) at 10 s; decisions at 11 s. */
    private static final Instant SINCE = at(10);
    private static final Instant NOW = at(11);

    /**
     * {@code configured} is the AG as the candidate reads it ({@code sys.availability_replicas}, by replica server
     * name); the desired resources play no part (F8), so no case gives them.
     */
    private static Arguments quorumCase(String name, List<Member> configured, List<Fixtures.Report> reports,
                                        boolean reached, int needed, int reported, Long highest) {
        return Arguments.of(Named.of(name, configured), reports, reached, needed, reported, highest);
    }

    static Stream<Arguments> cases() {
        List<Member> threeSync = List.of(member("mssql1", SYNC), member("mssql2", SYNC), member("mssql3", SYNC));
        return Stream.of(
                quorumCase("3 sync, 1 reported: wait", threeSync,
                        List.of(report("mssql2").at(NOW)), false, 2, 1, 42L),
                quorumCase("3 sync, 2 reported: quorum", threeSync,
                        List.of(report("mssql2").seq(42L).at(NOW), report("mssql3").seq(43L).at(NOW)), true, 2, 2, 43L),
                quorumCase("reports from before the loss do not count", threeSync,
                        List.of(report("mssql2").at(NOW), report("mssql3").at(at(9))), false, 2, 1, 42L),
                quorumCase("a report made the moment the Lease was taken counts", threeSync,
                        List.of(report("mssql2").at(NOW), report("mssql3").at(SINCE)), true, 2, 2, 42L),
                quorumCase("unknown sequence numbers do not count", threeSync,
                        List.of(report("mssql2").at(NOW), report("mssql3").seq(null).at(NOW)), false, 2, 1, 42L),
                quorumCase("F2: an unreachable replica's cached sequence number neither votes nor sets the highest",
                        threeSync, List.of(report("mssql2").seq(42L).at(NOW),
                                report("mssql1").role(ReplicaRole.UNKNOWN).seq(43L).at(NOW)), false, 2, 1, 42L),
                quorumCase("F2: a RESOLVING replica's number was read live and votes", threeSync,
                        List.of(report("mssql2").at(NOW), report("mssql3").resolving().seq(44L).at(NOW)), true, 2, 2, 44L),
                quorumCase("2 sync + configuration-only: the witness counts",
                        List.of(member("mssql1", SYNC), member("mssql2", SYNC), member("witness", CONFIG)),
                        List.of(report("mssql2").at(NOW), report("witness").configOnly().seq(42L).at(NOW)), true, 2, 2, 42L),
                quorumCase("asynchronous members do not count towards n nor the quorum",
                        List.of(member("mssql1", SYNC), member("mssql2", SYNC), member("dr", ASYNC)),
                        List.of(report("mssql2").at(NOW), report("dr").async().seq(50L).at(NOW)), false, 2, 1, 50L),
                quorumCase("5 sync need 3", List.of(member("a", SYNC), member("b", SYNC), member("c", SYNC),
                                member("d", SYNC), member("e", SYNC)),
                        List.of(report("a").at(NOW), report("b").at(NOW), report("c").at(NOW)), true, 3, 3, 42L),
                quorumCase("the AG's replicas unknown: never", List.of(), List.of(report("a").at(NOW)), false, 1, 0, 42L),
                quorumCase("F8: the AG still has a 4th synchronous replica the resources dropped: 3 of 4 needed",
                        List.of(member("mssql1", SYNC), member("mssql2", SYNC), member("mssql3", SYNC),
                                member("mssql4", SYNC)),
                        List.of(report("mssql2").at(NOW), report("mssql3").at(NOW)), false, 3, 2, 42L),
                quorumCase("F8: members listed by the resources but not yet added to the AG do not raise n",
                        threeSync, List.of(report("mssql2").at(NOW), report("mssql3").at(NOW),
                                report("mssql5").notJoined().seq(null).at(NOW)), true, 2, 2, 42L),
                quorumCase("F8: a replica the AG has as asynchronous does not vote, whatever its resource asks",
                        List.of(member("mssql1", SYNC), member("mssql2", SYNC), member("mssql3", ASYNC)),
                        List.of(report("mssql2").at(NOW), report("mssql3").at(NOW)), false, 2, 1, 42L),
                quorumCase("F8: a voter is matched by its replica_server_name, in any case",
                        List.of(new Member(new ReplicaId("x1", "X1-0", null, null, null, null), SYNC),
                                new Member(new ReplicaId("x2", "x2-0", null, null, null, null), SYNC)),
                        List.of(report("x1").at(NOW), report("x2").at(NOW)), true, 2, 2, 42L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void counts(List<Member> members, List<Fixtures.Report> reports, boolean reached, int needed, int reported,
                Long highest) {
        List<ConfiguredReplica> configured = members.stream()
                .map(m -> new ConfiguredReplica(m.id().replicaServerName(), m.mode())).toList();
        QuorumCheck check = PromotionQuorum.check(reports.stream().map(Fixtures.Report::build).toList(), configured,
                SINCE, NOW, Duration.ofSeconds(3));

        assertThat(check.reached()).isEqualTo(reached);
        assertThat(check.needed()).isEqualTo(needed);
        assertThat(check.reported()).isEqualTo(reported);
        assertThat(check.highestSequence()).isEqualTo(highest);
        long voters = members.stream().filter(m -> m.mode() != ASYNC).count();
        assertThat(check.reason()).contains(members.isEmpty() ? "could not be read"
                : reported + " of " + voters + " synchronous-commit/configuration-only replicas of the AG");
    }
}
