package io.github.mssqlk8s.ha;

import static io.github.mssqlk8s.ha.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** F7: a refusal to promote lasts one Lease duration (10 s by default) on the refused agent's own clock, then expires. */
class PromotionRefusalTest {

    private static final TimingSettings TIMING = TimingSettings.defaults();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no refusal", null, at(5), null),
                Arguments.of("just refused: stands", at(0), at(0), at(0)),
                Arguments.of("within the round: stands", at(0), at(9.999), at(0)),
                Arguments.of("exactly one Lease duration later: still stands", at(0), at(10), at(0)),
                Arguments.of("past one Lease duration: expired, the replica may be chosen again", at(0), at(10.001), null),
                Arguments.of("long after: expired", at(0), at(600), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expires(String name, Instant refusedAt, Instant now, Instant standing) {
        assertThat(PromotionRefusal.standing(refusedAt, now, TIMING)).isEqualTo(standing);
    }

    @org.junit.jupiter.api.Test
    void oneLeadershipRoundLong() {
        assertThat(PromotionRefusal.lasts(TIMING)).isEqualTo(TIMING.leaseDuration());
    }
}
