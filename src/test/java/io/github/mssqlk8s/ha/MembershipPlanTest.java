package io.github.mssqlk8s.ha;

import static io.github.mssqlk8s.ha.Fixtures.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MembershipPlanTest {

    private static final AvailabilityMode SYNC = AvailabilityMode.SYNCHRONOUS_COMMIT;
    private static final AvailabilityMode ASYNC = AvailabilityMode.ASYNCHRONOUS_COMMIT;
    private static final AvailabilityMode CONFIG = AvailabilityMode.CONFIGURATION_ONLY;

    private static ConfiguredReplica configured(String replicaServerName, AvailabilityMode mode) {
        return new ConfiguredReplica(replicaServerName, mode);
    }

    private static Arguments plan(String name, List<Member> desired, List<ConfiguredReplica> present, String... changes) {
        return Arguments.of(Named.of(name, desired), present, List.of(changes));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                plan("in step: nothing", List.of(member("mssql1", SYNC), member("mssql2", SYNC)),
                        List.of(configured("mssql1-0", SYNC), configured("mssql2-0", SYNC))),
                plan("a new SqlServer lists the AG: add",
                        List.of(member("mssql1", SYNC), member("mssql2", SYNC), member("mssql3", ASYNC)),
                        List.of(configured("mssql1-0", SYNC), configured("mssql2-0", SYNC)),
                        "add mssql3-0 as asynchronous-commit"),
                plan("a SqlServer no longer lists the AG: remove", List.of(member("mssql1", SYNC)),
                        List.of(configured("mssql1-0", SYNC), configured("mssql2-0", SYNC)),
                        "remove mssql2-0"),
                plan("sync to async: modify", List.of(member("mssql1", SYNC), member("mssql2", ASYNC)),
                        List.of(configured("mssql1-0", SYNC), configured("mssql2-0", SYNC)),
                        "modify mssql2-0 as asynchronous-commit"),
                plan("to configuration-only cannot be modified: remove first",
                        List.of(member("mssql1", SYNC), member("mssql2", CONFIG)),
                        List.of(configured("mssql1-0", SYNC), configured("mssql2-0", SYNC)),
                        "remove mssql2-0"),
                plan("the primary's own entry is never touched",
                        List.of(member("mssql2", SYNC)),
                        List.of(configured("mssql1-0", SYNC), configured("mssql2-0", SYNC))),
                plan("adds, removes and modifies come in a stable order",
                        List.of(member("mssql1", SYNC), member("b", SYNC), member("a", SYNC), member("mssql2", ASYNC)),
                        List.of(configured("mssql1-0", SYNC), configured("mssql2-0", SYNC), configured("z-0", SYNC)),
                        "add a-0 as synchronous-commit", "add b-0 as synchronous-commit", "remove z-0",
                        "modify mssql2-0 as asynchronous-commit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plans(List<Member> desired, List<ConfiguredReplica> present, List<String> expected) {
        List<MembershipChange> changes = MembershipPlan.changes(desired, present, "mssql1-0");

        assertThat(changes).extracting(MembershipChange::toString).containsExactlyElementsOf(expected);
    }
}
