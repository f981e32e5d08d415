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
 */
package io.github.mssqlk8s.ha;
