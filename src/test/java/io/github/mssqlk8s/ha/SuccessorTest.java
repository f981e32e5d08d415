package io.github.mssqlk8s.ha;

import static io.github.mssqlk8s.ha.Fixtures.at;
import static io.github.mssqlk8s.ha.Fixtures.report;
import static io.github.mssqlk8s.ha.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * F10: a primary that lets go (SIGTERM, a failover trigger) hands over only to a synchronized secondary; an
 * unsynchronized one would be refused FAILOVER (41142) and leave the AG without a primary.
 */
class SuccessorTest {

    static Stream<Arguments> cases() {
        Fixtures.Report self = report("mssql1").primary().at(at(0));
        return Stream.of(
                Arguments.of("a synchronized secondary", snapshot(self).peers(report("mssql2").at(at(0))), "mssql2"),
                Arguments.of("only an unsynchronized secondary: none", snapshot(self).peers(report("mssql2")
                        .db("db1", SynchronizationState.SYNCHRONIZING).at(at(0))), null),
                Arguments.of("the synchronized one, though it ranks lower by name", snapshot(self).peers(
                        report("mssql2").db("db1", SynchronizationState.NOT_SYNCHRONIZING).at(at(0)),
                        report("mssql3").at(at(0))), "mssql3"),
                Arguments.of("a stale synchronized report: none", snapshot(self).peers(report("mssql2").at(at(-10))), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void handsOverOnlyToASynchronizedSecondary(String name, Fixtures.Snapshot snapshot, String expected) {
        assertThat(AgDecider.synchronizedSuccessor(snapshot.build(), at(0.5)).map(ReplicaReport::name).orElse(null))
                .isEqualTo(expected);
    }
}
