package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.ha.ReplicaReport;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Peers' reports moved onto this agent's own clock (contract §6: time is never compared across pods). A report
 * first shown by the ConfigMap read that ended at E was published after the previous successful read started
 * (S, which did not show it) and before E. So, with the writer's own durations between its SQL read, its final
 * write-lease renewal and publication:
 * <ul>
 *   <li>its SQL read happened no earlier than {@code S - (publishedAt - reportedAt)}: the report counts as fresh,
 *       and as made after a Lease acquisition, only from there;</li>
 *   <li>its write-lease renewal happened no later than {@code E - (publishedAt - writeLeaseRenewedAt)}.</li>
 * </ul>
 * A report already there at this agent's first read is taken as just stale.
 */
final class ReportsOnOwnClock {

    private record Seen(Instant reportedAt, Instant publishedAt, ReplicaReport onOwnClock) {
    }

    private final Duration staleAfter;
    private final Map<String, Seen> seen = new HashMap<>();
    private Instant previousReadStart;

    ReportsOnOwnClock(Duration staleAfter) {
        this.staleAfter = staleAfter;
    }

    /** A successful read of {@code reports} that started at {@code start} and ended at {@code end}. */
    void read(List<ReplicaReport> reports, Instant start, Instant end) {
        Instant publishedAfter = previousReadStart != null ? previousReadStart : start.minus(staleAfter);
        Map<String, Seen> next = new HashMap<>();
        for (ReplicaReport report : reports) {
            Seen known = seen.get(report.name());
            if (known != null && Objects.equals(known.reportedAt(), report.reportedAt())
                    && Objects.equals(known.publishedAt(), report.publishedAt())) {
                next.put(report.name(), known);
            } else {
                next.put(report.name(), new Seen(report.reportedAt(), report.publishedAt(),
                        onOwnClock(report, publishedAfter, end)));
            }
        }
        seen.clear();
        seen.putAll(next);
        previousReadStart = start;
    }

    /** The reports as last read, on this agent's clock. */
    List<ReplicaReport> reports() {
        return seen.values().stream().map(Seen::onOwnClock).toList();
    }

    private static ReplicaReport onOwnClock(ReplicaReport report, Instant publishedAfter, Instant publishedBefore) {
        Instant readAfter = publishedAfter.minus(nonNegative(Duration.between(report.reportedAt(), report.publishedAt())));
        Instant renewedBefore = report.writeLeaseRenewedAt() == null ? null
                : publishedBefore.minus(nonNegative(Duration.between(report.writeLeaseRenewedAt(), report.publishedAt())));
        return report.onReaderClock(readAfter, renewedBefore);
    }

    /** A writer whose clock stepped back between two stamps: count nothing rather than a negative duration. */
    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
