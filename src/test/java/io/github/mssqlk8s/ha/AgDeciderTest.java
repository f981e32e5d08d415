package io.github.mssqlk8s.ha;

import static io.github.mssqlk8s.ha.Fixtures.at;
import static io.github.mssqlk8s.ha.Fixtures.member;
import static io.github.mssqlk8s.ha.Fixtures.report;
import static io.github.mssqlk8s.ha.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tables of snapshots for {@link AgDecider#decide}: each case names the situation, the decision type
 * expected and the key words of its reason.
 */
class AgDeciderTest {

    private static final AvailabilityMode SYNC = AvailabilityMode.SYNCHRONOUS_COMMIT;
    private static final AvailabilityMode ASYNC = AvailabilityMode.ASYNCHRONOUS_COMMIT;
    private static final AvailabilityMode CONFIG = AvailabilityMode.CONFIGURATION_ONLY;

    record Case(String name, AgSnapshot snapshot, Instant now, Class<? extends Decision> type, List<String> keywords,
                Consumer<Decision> extra) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case expect(String name, Fixtures.Snapshot snapshot, Instant now, Class<? extends Decision> type,
                               String... keywords) {
        return new Case(name, snapshot.build(), now, type, List.of(keywords), d -> { });
    }

    private static Case expect(String name, Fixtures.Snapshot snapshot, Instant now, Class<? extends Decision> type,
                               Consumer<Decision> extra, String... keywords) {
        return new Case(name, snapshot.build(), now, type, List.of(keywords), extra);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"primaryCases", "leaderCases", "writeLeaseCases", "followerCases", "manualCases"})
    void decides(Case c) {
        Decision decision = AgDecider.decide(c.snapshot(), c.now());

        assertThat(decision).isInstanceOf(c.type());
        for (String keyword : c.keywords()) {
            assertThat(decision.reason()).contains(keyword);
        }
        c.extra().accept(decision);
    }

    // ---- the local replica is PRIMARY: mssql1 leads since -100 s, last renewal at 0, decided at 0.5 s ----

    private static final Instant P_NOW = at(0.5);

    private static Fixtures.Snapshot primary() {
        return snapshot(report("mssql1").primary().at(P_NOW))
                .peers(report("mssql2").at(P_NOW), report("mssql3").at(P_NOW))
                .leader("mssql1", at(-100), at(0));
    }

    static Stream<Case> primaryCases() {
        return Stream.of(
                expect("healthy primary and holder holds: Lease, then write lease", primary(), P_NOW,
                        Decision.HoldPrimary.class, d -> assertThat(d.renewsWriteLease()).isTrue(),
                        "renewing the Lease, then the SQL write lease (7s)"),
                expect("primary whose Lease another holds demotes", primary().leader("mssql2", at(-1), at(0)), P_NOW,
                        Decision.Demote.class, d -> assertThat(((Decision.Demote) d).releaseLeadership()).isFalse(),
                        "leadership lost", "held by mssql2", "never two primaries"),
                expect("primary whose Lease ran out demotes", primary().leader("mssql1", at(-100), at(-20)), P_NOW,
                        Decision.Demote.class, "leadership lost", "the Lease ran out"),
                expect("primary that missed the renew deadline demotes and releases",
                        primary().leader("mssql1", at(-100), at(-6)), P_NOW,
                        Decision.Demote.class, d -> assertThat(((Decision.Demote) d).releaseLeadership()).isTrue(),
                        "renew deadline 5s", "last renewal 6.5s ago"),
                expect("primary with a commit stuck past 60 s goes offline",
                        primary().commitPendingSince(at(-61)), P_NOW,
                        Decision.Demote.class, d -> assertThat(((Decision.Demote) d).releaseLeadership()).isTrue(),
                        "commit stuck for 61.5s", "no longer renewing the write lease"),
                expect("a commit pending for 30 s is tolerated", primary().commitPendingSince(at(-30)), P_NOW,
                        Decision.HoldPrimary.class, "renewing the Lease"),
                expect("primary whose health failed hands over",
                        snapshot(report("mssql1").primary().failed().at(P_NOW))
                                .peers(report("mssql2").at(P_NOW), report("mssql3").at(P_NOW))
                                .leader("mssql1", at(-100), at(0)), P_NOW,
                        Decision.Demote.class, d -> assertThat(((Decision.Demote) d).releaseLeadership()).isTrue(),
                        "primary health failed", "mssql2 ranks first"),
                expect("primary whose health failed stays when only an async secondary is left",
                        snapshot(report("mssql1").primary().failed().at(P_NOW))
                                .peers(report("mssql2").async().at(P_NOW))
                                .leader("mssql1", at(-100), at(0)), P_NOW,
                        Decision.HoldPrimary.class, "no synchronized secondary can take over", "asynchronous-commit"),
                expect("primary whose health failed stays when no secondary is synchronized (FAILOVER would be refused)",
                        snapshot(report("mssql1").primary().failed().at(P_NOW))
                                .peers(report("mssql2").db("db1", SynchronizationState.NOT_SYNCHRONIZING).at(P_NOW),
                                        report("mssql3").db("db1", SynchronizationState.SYNCHRONIZING).at(P_NOW))
                                .leader("mssql1", at(-100), at(0)), P_NOW,
                        Decision.HoldPrimary.class, "no synchronized secondary can take over",
                        "mssql2 is not synchronized (db1: NOT_SYNCHRONIZING)", "mssql3 is not synchronized"),
                expect("primary whose health failed hands over to the synchronized secondary, not the first by name",
                        snapshot(report("mssql1").primary().failed().at(P_NOW))
                                .peers(report("mssql2").db("db1", SynchronizationState.NOT_SYNCHRONIZING).at(P_NOW),
                                        report("mssql3").at(P_NOW))
                                .leader("mssql1", at(-100), at(0)), P_NOW,
                        Decision.Demote.class, "mssql3 ranks first among the synchronized secondaries"),
                expect("primary database SUSPECT hands over (DB_FAILOVER)",
                        primary().databaseHealth(new DatabaseHealthVerdict(DatabaseHealthVerdict.Status.FAILED,
                                "database db1 is SUSPECT, a permanent failure")), P_NOW,
                        Decision.Demote.class, "DB_FAILOVER", "SUSPECT"),
                expect("primary database still recovering within the timeout holds",
                        primary().databaseHealth(new DatabaseHealthVerdict(DatabaseHealthVerdict.Status.TRANSIENT,
                                "database db1 is RECOVERING for 10s")), P_NOW,
                        Decision.HoldPrimary.class, "renewing the Lease"),
                expect("manual failover to another replica: demote and release", primary().request("mssql2", false),
                        P_NOW, Decision.Demote.class, d -> assertThat(((Decision.Demote) d).releaseLeadership()).isTrue(),
                        "manual failover to mssql2"),
                expect("manual failover to a silent replica waits",
                        snapshot(report("mssql1").primary().at(P_NOW))
                                .peers(report("mssql2").at(at(-30)), report("mssql3").at(P_NOW))
                                .leader("mssql1", at(-100), at(0)).request("mssql2", false), P_NOW,
                        Decision.HoldPrimary.class, "no fresh report from mssql2"),
                expect("planned manual failover waits while the target is not synchronized",
                        snapshot(report("mssql1").primary().at(P_NOW))
                                .peers(report("mssql2").db("db1", SynchronizationState.SYNCHRONIZING).at(P_NOW))
                                .leader("mssql1", at(-100), at(0)).request("mssql2", false), P_NOW,
                        Decision.HoldPrimary.class, "mssql2 is not synchronized (db1: SYNCHRONIZING)"),
                expect("forced manual failover hands over to an unsynchronized target",
                        snapshot(report("mssql1").primary().at(P_NOW))
                                .peers(report("mssql2").db("db1", SynchronizationState.SYNCHRONIZING).at(P_NOW))
                                .leader("mssql1", at(-100), at(0)).request("mssql2", true), P_NOW,
                        Decision.Demote.class, "forced manual failover to mssql2"),
                expect("manual failover to the primary itself: nothing to do", primary().request("mssql1", false), P_NOW,
                        Decision.HoldPrimary.class, "already primary"),
                expect("a new member is added",
                        primary().configured(new ConfiguredReplica("mssql1-0", SYNC), new ConfiguredReplica("mssql2-0", SYNC))
                                .currentRsstc(0), P_NOW,
                        Decision.ReconcileMembership.class, d -> {
                            Decision.ReconcileMembership r = (Decision.ReconcileMembership) d;
                            assertThat(r.changes()).containsExactly(MembershipChange.add(member("mssql3", SYNC)));
                            assertThat(r.requiredSynchronizedSecondaries()).isNull();
                            assertThat(r.renewsWriteLease()).isTrue();
                        }, "add mssql3-0 as synchronous-commit"),
                expect("RSSTC follows three synchronous replicas",
                        primary().configured(new ConfiguredReplica("mssql1-0", SYNC), new ConfiguredReplica("mssql2-0", SYNC),
                                new ConfiguredReplica("mssql3-0", SYNC)).currentRsstc(0), P_NOW,
                        Decision.ReconcileMembership.class,
                        d -> assertThat(((Decision.ReconcileMembership) d).requiredSynchronizedSecondaries()).isEqualTo(1),
                        "REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT 0 -> 1 for 3 synchronous replicas"),
                expect("the RSSTC override wins",
                        primary().configured(new ConfiguredReplica("mssql1-0", SYNC), new ConfiguredReplica("mssql2-0", SYNC),
                                new ConfiguredReplica("mssql3-0", SYNC)).currentRsstc(1).rsstcOverride(2), P_NOW,
                        Decision.ReconcileMembership.class, "1 -> 2", "(override)"),
                expect("a replica no SqlServer lists any more is removed, a changed mode modified",
                        primary().membership(member("mssql1", SYNC), member("mssql2", ASYNC), member("mssql3", SYNC))
                                .configured(new ConfiguredReplica("mssql1-0", SYNC), new ConfiguredReplica("mssql2-0", SYNC),
                                        new ConfiguredReplica("mssql3-0", SYNC), new ConfiguredReplica("old-0", SYNC))
                                .currentRsstc(1), P_NOW,
                        Decision.ReconcileMembership.class,
                        "modify mssql2-0 as asynchronous-commit", "remove old-0"),
                expect("membership and RSSTC as they should be: hold",
                        primary().configured(new ConfiguredReplica("mssql1-0", SYNC), new ConfiguredReplica("mssql2-0", SYNC),
                                new ConfiguredReplica("mssql3-0", SYNC)).currentRsstc(1), P_NOW,
                        Decision.HoldPrimary.class, "renewing the Lease"));
    }

    // ---- the local replica mssql2 took the Lease at 10 s (mssql1's last renewal was at 0); decided at 11 s ----

    private static final Instant L_NOW = at(11);

    private static LeadershipView acquiredAt10(String holder, Instant previousRenewal) {
        return new LeadershipView(holder, at(10), at(10), Duration.ofSeconds(10), previousRenewal);
    }

    private static Fixtures.Snapshot leaderAfterLoss(Fixtures.Report self, Fixtures.Report... others) {
        Fixtures.Report oldPrimary = report("mssql1").primary().at(at(0));
        Fixtures.Report[] peers = Stream.concat(Stream.of(oldPrimary), Stream.of(others)).toArray(Fixtures.Report[]::new);
        return snapshot(self).peers(peers).leadership(acquiredAt10(self.build().name(), at(0)));
    }

    static Stream<Case> leaderCases() {
        return Stream.of(
                expect("3 sync members, only 1 reported since the loss: wait",
                        leaderAfterLoss(report("mssql2").at(L_NOW), report("mssql3").at(at(9))), L_NOW,
                        Decision.Wait.class, "quorum not reached", "1 of 3", "(2 needed)"),
                expect("3 sync members, 2 reported, mine is the higher sequence number: promote",
                        leaderAfterLoss(report("mssql2").seq(43L).at(L_NOW), report("mssql3").seq(42L).at(L_NOW)), L_NOW,
                        Decision.Promote.class, d -> {
                            assertThat(((Decision.Promote) d).target()).isEqualTo("mssql2");
                            assertThat(((Decision.Promote) d).forced()).isFalse();
                        }, "2 of 3", "highest sequence number 43"),
                expect("3 sync members, 2 reported, the other has the higher sequence number: release to it",
                        leaderAfterLoss(report("mssql2").seq(42L).at(L_NOW), report("mssql3").seq(43L).at(L_NOW)), L_NOW,
                        Decision.ReleaseLeadership.class, "mssql3 ranks first",
                        "mssql2's sequence number 42 is lower than mssql3's 43"),
                expect("the highest sequence number is only on the configuration-only witness: nobody is promoted",
                        leaderAfterLoss(report("mssql2").seq(42L).at(L_NOW), report("witness").configOnly().seq(43L).at(L_NOW)),
                        L_NOW, Decision.Wait.class, "highest sequence number 43 is held by witness", "cannot be promoted"),
                expect("the highest sequence number is only on an async replica: nobody is promoted",
                        leaderAfterLoss(report("mssql2").seq(42L).at(L_NOW), report("mssql3").seq(42L).at(L_NOW),
                                report("dr").async().seq(44L).at(L_NOW)),
                        L_NOW, Decision.Wait.class, "held by dr"),
                expect("an asynchronous holder never promotes itself",
                        leaderAfterLoss(report("mssql2").async().at(L_NOW), report("mssql3").at(L_NOW)), L_NOW,
                        Decision.ReleaseLeadership.class, "never promoted automatically"),
                expect("a holder whose health failed does not promote itself",
                        leaderAfterLoss(report("mssql2").failed().at(L_NOW), report("mssql3").at(L_NOW)), L_NOW,
                        Decision.ReleaseLeadership.class, "health failed"),
                expect("first replica of a new AG: the holder creates it",
                        snapshot(report("mssql1").notJoined().at(L_NOW))
                                .peers(report("mssql2").notJoined().at(L_NOW), report("mssql3").notJoined().at(L_NOW))
                                .leadership(acquiredAt10("mssql1", null)), L_NOW,
                        Decision.CreateAvailabilityGroup.class, d -> {
                            Decision.CreateAvailabilityGroup c = (Decision.CreateAvailabilityGroup) d;
                            assertThat(c.replicas()).hasSize(3);
                            assertThat(c.requiredSynchronizedSecondaries()).isEqualTo(1);
                        }, "no availability group exists yet", "creating ag1"),
                expect("a holder whose SQL Server is unreachable keeps leadership until its health fails",
                        leaderAfterLoss(report("mssql2").role(ReplicaRole.UNKNOWN).at(L_NOW)), L_NOW,
                        Decision.Wait.class, "unreachable", "keeping leadership"),
                expect("F6: a holder whose SQL Server is unreachable within the renew deadline keeps leadership",
                        leaderAfterLoss(report("mssql2").role(ReplicaRole.UNKNOWN).health(HealthVerdict.unknown(
                                "health agent down")).at(L_NOW)).sqlUnreachableSince(L_NOW.minusSeconds(4)), L_NOW,
                        Decision.Wait.class, "keeping leadership"),
                expect("F6: ... but lets go past the renew deadline whatever the health verdict (health agent down)",
                        leaderAfterLoss(report("mssql2").role(ReplicaRole.UNKNOWN).health(HealthVerdict.unknown(
                                "health agent down")).at(L_NOW)).sqlUnreachableSince(L_NOW.minusSeconds(6)), L_NOW,
                        Decision.Demote.class, d -> assertThat(((Decision.Demote) d).releaseLeadership()).isTrue(),
                        "unreachable for 6s", "past the renew deadline 5s"),
                expect("F6: ... and while its health agent still says HEALTHY (a failure of the agent's own login)",
                        leaderAfterLoss(report("mssql2").role(ReplicaRole.UNKNOWN).at(L_NOW))
                                .sqlUnreachableSince(L_NOW.minusSeconds(6)), L_NOW,
                        Decision.Demote.class, "past the renew deadline"),
                expect("a holder whose SQL Server restarted lets go at once",
                        leaderAfterLoss(report("mssql2").role(ReplicaRole.UNKNOWN).health(new HealthVerdict(
                                HealthStatus.STARTING, FailureCondition.DOWN, "starting: instance down")).at(L_NOW)), L_NOW,
                        Decision.Demote.class, d -> assertThat(((Decision.Demote) d).releaseLeadership()).isTrue(),
                        "SQL Server restarted", "a secondary can take over"),
                expect("a holder whose FAILOVER SQL Server refused (41142) gives way",
                        leaderAfterLoss(report("mssql2").promotionRefusedAt(at(10.5)).at(L_NOW), report("mssql3").at(L_NOW)),
                        L_NOW, Decision.ReleaseLeadership.class, "FAILOVER was refused by SQL Server", "41142"),
                expect("a holder whose SQL Server is unreachable and failed lets go",
                        leaderAfterLoss(report("mssql2").role(ReplicaRole.UNKNOWN).failed().at(L_NOW)), L_NOW,
                        Decision.Demote.class, d -> assertThat(((Decision.Demote) d).releaseLeadership()).isTrue(),
                        "health failed", "releasing leadership"));
    }

    // ---- write-lease safety: mssql2 took the Lease at 10 s; mssql1's agent died after its renewal at 0 s ----

    private static Fixtures.Snapshot writeLeaseCase(LeadershipView lease, Instant now, Fixtures.Report oldPrimary) {
        return snapshot(report("mssql2").at(now))
                .peers(oldPrimary, report("mssql3").at(now))
                .leadership(lease);
    }

    static Stream<Case> writeLeaseCases() {
        LeadershipView unknownPrevious = acquiredAt10("mssql2", null);
        LeadershipView unknownPreviousStillRenewed = new LeadershipView("mssql2", at(10), at(19), Duration.ofSeconds(10), null);
        Fixtures.Report silentOldPrimary = report("mssql1").primary().at(at(0));
        return Stream.of(
                expect("previous renewal unknown: wait until acquire + 1 s monitor + 7 s validity + 2 s margin"
                                + " (the old holder may renew its write lease up to a monitor period after its last Lease"
                                + " renewal, which can be as late as the acquisition)",
                        writeLeaseCase(unknownPrevious, at(15), silentOldPrimary), at(15),
                        Decision.Wait.class, "waiting 5s more", "SQL write lease of mssql1", "7s validity + 2s margin"),
                expect("previous renewal unknown: at exactly that moment, still wait (strictly after it)",
                        writeLeaseCase(unknownPreviousStillRenewed, at(20), silentOldPrimary), at(20),
                        Decision.Wait.class, "runs out by " + at(20)),
                expect("previous renewal unknown: promote once that has passed",
                        writeLeaseCase(unknownPreviousStillRenewed, at(20.5), silentOldPrimary), at(20.5),
                        Decision.Promote.class, "no primary"),
                expect("previous renewal known (0 s): its write lease ran out before the Lease did",
                        writeLeaseCase(acquiredAt10("mssql2", at(0)), at(11), silentOldPrimary), at(11),
                        Decision.Promote.class, "runs out by " + at(10)),
                expect("previous renewal at 3 s: wait until 3 + 1 + 7 + 2 = 13 s",
                        writeLeaseCase(acquiredAt10("mssql2", at(3)), at(11), silentOldPrimary), at(11),
                        Decision.Wait.class, "waiting 2s more"),
                expect("old primary reported demoted after leadership was taken: promote immediately",
                        writeLeaseCase(unknownPrevious, at(11), report("mssql1").resolving().released().at(at(10.5))),
                        at(11), Decision.Promote.class, "every other replica reported a non-primary role"),
                expect("a demotion reported before leadership was taken proves nothing",
                        writeLeaseCase(unknownPrevious, at(11), report("mssql1").resolving().at(at(9.5))),
                        at(11), Decision.Wait.class, "waiting 9s more", "mssql1"),
                expect("old primary down with agent released: bounded by its final renewal (1 s), promote",
                        writeLeaseCase(unknownPrevious, at(11), report("mssql1").role(ReplicaRole.UNKNOWN).released()
                                .renewedWriteLeaseAt(at(1)).at(at(10.5))), at(11),
                        Decision.Promote.class, "runs out by " + at(10)),
                expect("old primary released after a renewal at 5 s: wait until 14 s",
                        writeLeaseCase(unknownPrevious, at(11), report("mssql1").role(ReplicaRole.UNKNOWN).released()
                                .renewedWriteLeaseAt(at(5)).at(at(10.5))), at(11),
                        Decision.Wait.class, "waiting 3s more"));
    }

    // ---- anyone else ----

    private static final Instant F_NOW = at(20);

    static Stream<Case> followerCases() {
        LeadershipView mssql1Leads = new LeadershipView("mssql1", at(0), at(19), Duration.ofSeconds(10), null);
        LeadershipView mssql2Leads = new LeadershipView("mssql2", at(0), at(19), Duration.ofSeconds(10), null);
        LeadershipView expired = new LeadershipView("mssql1", at(0), at(5), Duration.ofSeconds(10), null);
        return Stream.of(
                expect("a RESOLVING replica while another is primary becomes its secondary",
                        snapshot(report("mssql2").resolving().at(F_NOW)).peers(report("mssql1").primary().at(F_NOW))
                                .leadership(mssql1Leads), F_NOW,
                        Decision.SetSecondary.class, d -> assertThat(((Decision.SetSecondary) d).primary()).isEqualTo("mssql1"),
                        "RESOLVING while mssql1 is primary"),
                expect("a returning former primary comes back as secondary",
                        snapshot(report("mssql1").resolving().seq(41L).at(F_NOW)).peers(report("mssql2").primary().at(F_NOW))
                                .leadership(mssql2Leads), F_NOW,
                        Decision.SetSecondary.class, "mssql2 is primary"),
                expect("a former primary that stepped down does not take leadership back from an equal secondary",
                        snapshot(report("mssql1").resolving().released().at(F_NOW)).peers(report("mssql2").at(F_NOW))
                                .leadership(expired), F_NOW,
                        Decision.Wait.class, "mssql1 stepped down as primary"),
                expect("a secondary of a live primary does nothing",
                        snapshot(report("mssql2").at(F_NOW)).peers(report("mssql1").primary().at(F_NOW))
                                .leadership(mssql1Leads), F_NOW,
                        Decision.NoAction.class, "secondary of mssql1"),
                expect("primary gone and this replica ranks first: acquire",
                        snapshot(report("mssql2").at(F_NOW)).peers(report("mssql1").primary().at(at(4)),
                                report("mssql3").at(F_NOW)).leadership(expired), F_NOW,
                        Decision.AcquireLeadership.class, "primary gone", "mssql2 ranks first"),
                expect("primary gone: a replica whose FAILOVER was refused is passed over for the next one",
                        snapshot(report("mssql3").at(F_NOW)).peers(report("mssql1").primary().at(at(4)),
                                report("mssql2").promotionRefusedAt(at(12)).at(F_NOW)).leadership(expired), F_NOW,
                        Decision.AcquireLeadership.class, "mssql3 ranks first"),
                expect("primary gone but another ranks first: wait",
                        snapshot(report("mssql3").seq(41L).at(F_NOW)).peers(report("mssql1").primary().at(at(4)),
                                report("mssql2").at(F_NOW)).leadership(expired), F_NOW,
                        Decision.Wait.class, "mssql3's sequence number 41 is lower than mssql2's 42"),
                expect("primary gone: an asynchronous replica never acquires",
                        snapshot(report("dr").async().seq(50L).at(F_NOW)).peers(report("mssql1").primary().at(at(4)))
                                .leadership(expired), F_NOW,
                        Decision.Wait.class, "dr is asynchronous-commit, never promoted automatically"),
                expect("primary gone: a configuration-only replica never acquires",
                        snapshot(report("witness").configOnly().at(F_NOW)).peers(report("mssql1").primary().at(at(4)))
                                .leadership(expired), F_NOW,
                        Decision.Wait.class, "configuration-only, never promoted"),
                expect("leader elected but not primary yet: wait for it",
                        snapshot(report("mssql3").at(F_NOW)).peers(report("mssql2").at(F_NOW)).leadership(mssql2Leads), F_NOW,
                        Decision.Wait.class, "leader mssql2 is not primary yet"),
                expect("the leader stopped reporting: wait for its Lease to run out",
                        snapshot(report("mssql3").at(F_NOW)).peers(report("mssql2").primary().at(at(12)))
                                .leadership(mssql2Leads), F_NOW,
                        Decision.Wait.class, "leader mssql2 has stopped reporting", "Lease to run out at " + at(29)),
                expect("not joined while a primary exists: join",
                        snapshot(report("mssql3").notJoined().at(F_NOW)).peers(report("mssql1").primary().at(F_NOW))
                                .leadership(mssql1Leads), F_NOW,
                        Decision.JoinAvailabilityGroup.class, "mssql1 is primary", "joining ag1"),
                expect("no AG anywhere: the first synchronous member acquires leadership to create it",
                        snapshot(report("mssql1").notJoined().at(F_NOW))
                                .peers(report("mssql2").notJoined().at(F_NOW), report("mssql3").notJoined().at(F_NOW)), F_NOW,
                        Decision.AcquireLeadership.class, "no availability group exists yet", "first synchronous-commit member"),
                expect("no AG anywhere: the others wait",
                        snapshot(report("mssql2").notJoined().at(F_NOW))
                                .peers(report("mssql1").notJoined().at(F_NOW), report("mssql3").notJoined().at(F_NOW)), F_NOW,
                        Decision.Wait.class, "not joined; waiting for a primary"),
                expect("a silent member may hold the AG: nobody creates a new one",
                        snapshot(report("mssql1").notJoined().at(F_NOW))
                                .peers(report("mssql2").notJoined().at(F_NOW), report("mssql3").resolving().at(at(1))), F_NOW,
                        Decision.Wait.class, "not joined"),
                expect("SQL Server unreachable: nothing to decide",
                        snapshot(report("mssql2").role(ReplicaRole.UNKNOWN).at(F_NOW))
                                .peers(report("mssql1").primary().at(F_NOW)).leadership(mssql1Leads), F_NOW,
                        Decision.Wait.class, "unreachable"));
    }

    // ---- manual failover carried out by the agents ----

    static Stream<Case> manualCases() {
        LeadershipView released = new LeadershipView(null, null, null, Duration.ofSeconds(10), null);
        Fixtures.Report demotedOld = report("mssql1").resolving().released().at(at(10.5));
        return Stream.of(
                expect("requested target sees the Lease released: acquire",
                        snapshot(report("mssql3").at(at(10))).peers(report("mssql1").resolving().released().at(at(10)),
                                report("mssql2").at(at(10))).leadership(released).request("mssql3", false), at(10),
                        Decision.AcquireLeadership.class, "manual failover to mssql3 requested"),
                expect("another replica waits for the requested target",
                        snapshot(report("mssql2").at(at(10))).peers(report("mssql1").resolving().released().at(at(10)),
                                report("mssql3").at(at(10))).leadership(released).request("mssql3", false), at(10),
                        Decision.Wait.class, "manual failover to mssql3 in progress"),
                expect("requested target holding the Lease promotes itself, forced when asked",
                        snapshot(report("mssql3").db("db1", SynchronizationState.SYNCHRONIZING).at(at(11)))
                                .peers(demotedOld, report("mssql2").at(at(11)))
                                .leadership(acquiredAt10("mssql3", at(9))).request("mssql3", true), at(11),
                        Decision.Promote.class, d -> assertThat(((Decision.Promote) d).forced()).isTrue(),
                        "forced manual failover"),
                expect("a forced manual failover goes ahead although an automatic FAILOVER was refused",
                        snapshot(report("mssql3").promotionRefusedAt(at(10.2)).at(at(11)))
                                .peers(demotedOld, report("mssql2").at(at(11)))
                                .leadership(acquiredAt10("mssql3", at(9))).request("mssql3", true), at(11),
                        Decision.Promote.class, "forced manual failover"),
                expect("an unforced manual failover to a refused replica is given up",
                        snapshot(report("mssql3").promotionRefusedAt(at(10.2)).at(at(11)))
                                .peers(demotedOld, report("mssql2").at(at(11)))
                                .leadership(acquiredAt10("mssql3", at(9))).request("mssql3", false), at(11),
                        Decision.ReleaseLeadership.class, "cannot carry out the manual failover", "41142"),
                expect("requested target holding the Lease waits for the old write lease when the old primary is silent",
                        snapshot(report("mssql3").at(at(11))).peers(report("mssql1").primary().at(at(9)),
                                        report("mssql2").at(at(11)))
                                .leadership(acquiredAt10("mssql3", at(9.5))).request("mssql3", false), at(11),
                        Decision.Wait.class, "SQL write lease of mssql1"),
                expect("a holder that is not the requested target releases leadership for it",
                        snapshot(report("mssql2").at(at(11))).peers(demotedOld, report("mssql3").at(at(11)))
                                .leadership(acquiredAt10("mssql2", at(9))).request("mssql3", false), at(11),
                        Decision.ReleaseLeadership.class, "manual failover to mssql3 requested"));
    }

    @org.junit.jupiter.api.Test
    void membershipDefaultsCoverEveryReport() {
        AgSnapshot s = snapshot(report("mssql1")).peers(report("mssql2"), report("w").configOnly()).build();

        assertThat(s.membership()).extracting(Member::name, Member::mode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mssql1", SYNC),
                        org.assertj.core.groups.Tuple.tuple("mssql2", SYNC), org.assertj.core.groups.Tuple.tuple("w", CONFIG));
    }
}
