package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.AvailabilityGroupStatus;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.testing.TestResources;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The operator and the agents write status.availabilityGroups; they must keep the same order (by name). */
class StatusOrderTest {

    @Test
    void theOperatorWritesTheAvailabilityGroupsSortedByNameAsTheAgentsDo() {
        SqlServer resource = TestResources.sqlServer("mssql1", "ns1", AvailabilityGroupRef.named("agz"),
                AvailabilityGroupRef.named("aga"), AvailabilityGroupRef.invalid("5"), AvailabilityGroupRef.named("agm"));
        Observations seen = new Observations(List.of(), List.of(), List.of(), true, List.of(), Optional.empty(),
                Optional.empty(), Optional.empty());

        List<AvailabilityGroupStatus> groups = StatusReport.next(resource, seen, Instant.EPOCH).getAvailabilityGroups();

        assertThat(groups).extracting(AvailabilityGroupStatus::getName).containsExactly("aga", "agm", "agz");
    }
}
