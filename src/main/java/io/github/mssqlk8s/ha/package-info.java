/**
 * The pure decision core of high availability: immutable snapshots in, a decision with a
 * human-readable reason out. JDK only, no I/O; the clock is always a parameter ({@code Instant now}).
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>Health: {@link io.github.mssqlk8s.ha.HealthJudge} judges a
 *       {@link io.github.mssqlk8s.ha.HealthObservation} under a {@link io.github.mssqlk8s.ha.MonitorPolicy}
 *       into a {@link io.github.mssqlk8s.ha.HealthVerdict}; database health (DB_FAILOVER) is judged by a
 *       {@link io.github.mssqlk8s.ha.DatabaseHealthTracker}, an immutable value threaded through ticks.</li>
 *   <li>Snapshot: one {@link io.github.mssqlk8s.ha.AgSnapshot} per agent per AG per tick — the local
 *       replica, peers' {@link io.github.mssqlk8s.ha.ReplicaReport}s, the Lease
 *       ({@link io.github.mssqlk8s.ha.LeadershipView}), the desired membership, a pending manual
 *       request and the {@link io.github.mssqlk8s.ha.TimingSettings}.</li>
 *   <li>Rules, each a small function: {@link io.github.mssqlk8s.ha.Eligibility},
 *       {@link io.github.mssqlk8s.ha.CandidateRanking}, {@link io.github.mssqlk8s.ha.PromotionQuorum},
 *       {@link io.github.mssqlk8s.ha.CommitDurability} (RSSTC), {@link io.github.mssqlk8s.ha.WriteLeaseFence},
 *       {@link io.github.mssqlk8s.ha.PrimaryFencing}, {@link io.github.mssqlk8s.ha.FailoverTriggers},
 *       {@link io.github.mssqlk8s.ha.MembershipPlan}, {@link io.github.mssqlk8s.ha.FailoverRequestResolver}.</li>
 *   <li>Decision: {@link io.github.mssqlk8s.ha.AgDecider#decide} returns a sealed
 *       {@link io.github.mssqlk8s.ha.Decision}; the agent executes it and reports.</li>
 * </ul>
 *
 * <h2>Order of concerns</h2>
 * Safety before availability, availability before tidiness: a primary first checks that it may still be
 * primary (Lease held, renewed within the deadline, no commit stuck) and demotes otherwise; then
 * failover triggers and manual requests; then membership; then it holds. A Lease holder that is not
 * primary promotes itself only when eligible, with a quorum of fresh reports, the highest sequence
 * number and every other write lease run out. Everybody else follows. Never two primaries: the write
 * lease is shorter than the Lease and renewed only right after the Lease.
 *
 * <h2>Rules in one line each</h2>
 * <ul>
 *   <li>Only synchronous-commit members (as asked and as reported) are promoted automatically; never
 *       async, configuration-only, failed, stale, unjoined, or refused by SQL Server (41142).</li>
 *   <li>Promote only with ⌊n/2⌋+1 of the n synchronous-commit and configuration-only members reporting
 *       since the Lease was taken, and only the replica with the highest sequence number among all
 *       those reports (ties: synchronized, did not step down, then name).</li>
 *   <li>RSSTC = ⌊synchronous secondaries / 2⌋, or the override.</li>
 *   <li>Promote only strictly after every other write lease has certainly run out, or once the others
 *       reported a non-primary role after the Lease was taken.</li>
 *   <li>A primary demotes itself when it loses the Lease, misses the renew deadline or has a commit
 *       stuck past the timeout; it hands over when its health or a database failed and a secondary can
 *       take over; a planned failover waits for a synchronized target.</li>
 *   <li>A RESOLVING replica is set SECONDARY when another primary holds the Lease; having been primary
 *       earns nothing.</li>
 * </ul>
 */
package io.github.mssqlk8s.ha;
