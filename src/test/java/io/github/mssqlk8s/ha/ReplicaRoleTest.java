package io.github.mssqlk8s.ha;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** F11: NOT_JOINED after having had a sequence number as a member is UNKNOWN, not proof of demotion. */
class ReplicaRoleTest {

    @ParameterizedTest(name = "read {0}, had a sequence number as member: {1} -> {2}")
    @CsvSource({
            "NOT_JOINED, false, NOT_JOINED",
            "NOT_JOINED, true,  UNKNOWN",
            "PRIMARY,    true,  PRIMARY",
            "RESOLVING,  true,  RESOLVING",
            "SECONDARY,  false, SECONDARY"})
    void observed(ReplicaRole read, boolean hadSequence, ReplicaRole reported) {
        ReplicaRole role = ReplicaRole.asObserved(read, hadSequence);

        assertThat(role).isEqualTo(reported);
        if (read == ReplicaRole.NOT_JOINED && hadSequence) {
            ReplicaReport report = Fixtures.report("mssql1").role(role).build();
            assertThat(report.isDemoted()).as("never counted as demoted by the write-lease fence").isFalse();
        }
    }
}
