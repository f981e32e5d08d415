package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.ha.DatabaseHealthTracker;
import io.github.mssqlk8s.ha.LeadershipView;
import io.github.mssqlk8s.kube.AgConfigMapState;
import io.github.mssqlk8s.kube.AgMembers;
import io.github.mssqlk8s.kube.LastFailover;
import io.github.mssqlk8s.kube.LeaderEntry;
import java.time.Duration;
import java.time.Instant;

/**
 * What one agent knows across ticks: the API objects as last read (kept when a read fails, so that the Lease's
 * renew time ages and the decider fences), and the facts only this agent can report about its own replica.
 * Gathering, execution and reporting share it; only the agent's own thread touches it.
 */
final class AgentMemory {

    // the API objects as last read; the Lease and the peers' reports also on this agent's own clock
    AgMembers.Listing listing;
    final LeaseOnOwnClock lease;
    final ReportsOnOwnClock peerReports;
    AgConfigMapState shared = AgConfigMapState.absent();

    // what this agent did and reports about its replica
    Instant writeLeaseRenewedAt;
    boolean leadershipReleased;
    Instant promotionRefusedAt;
    Instant commitPendingSince;
    Instant sqlUnreachableSince;
    DatabaseHealthTracker databaseTracker = DatabaseHealthTracker.empty();
    String podIp;
    /** This replica has read a sequence number while listed as a member (F11); cleared when it is no member. */
    boolean hadSequenceNumberAsMember;

    // the story of the last failover, for the leader entry and Events
    String lastSeenPrimary;
    Instant lastSeenPrimaryAt;
    LeaderEntry stepDown;
    LastFailover lastFailover;
    LeaderEntry lastLeaderEntry;

    AgentMemory(Duration leaseDuration, Duration reportStaleAfter) {
        this.lease = new LeaseOnOwnClock(leaseDuration);
        this.peerReports = new ReportsOnOwnClock(reportStaleAfter);
    }

    /** The Lease as the decider sees it: on this agent's own clock. */
    LeadershipView leadership() {
        return lease.onOwnClock();
    }
}
