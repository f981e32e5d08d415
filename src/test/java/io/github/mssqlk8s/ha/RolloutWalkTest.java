package io.github.mssqlk8s.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Walks whole rollouts: a small model of instances and AGs carries out each step the planner returns (a deleted pod
 * comes back a minute later on the desired revision and its version; a requested switchover happens a minute later)
 * and every step is checked against the rules before it is carried out.
 */
class RolloutWalkTest {

    private static final SqlServerVersion V4 = SqlServerVersion.parse("16.0.4");
    private static final SqlServerVersion V5 = SqlServerVersion.parse("16.0.5");

    @Test
    void anAgentsImageChangeOnThreeSynchronousMembers() {
        World w = threeMembers(V4, V4);

        List<String> steps = w.walk(100);

        assertThat(steps).containsExactly("restart mssql2", "restart mssql3", "switchover ag1 to mssql2",
                "restart mssql1", "done");
    }

    @Test
    void aNewerSqlServerVersionRollsTheSameWayAndNoSecondaryIsEverOlderThanItsPrimary() {
        World w = threeMembers(V4, V5);

        List<String> steps = w.walk(100);

        assertThat(steps).containsExactly("restart mssql2", "restart mssql3", "switchover ag1 to mssql2",
                "restart mssql1", "done");
        assertThat(w.versions()).containsOnly(V5);
    }

    @Test
    void revertAfterTheFirstRestartRollsOnlyThatMemberBack() {
        World w = threeMembers(V4, V5);
        w.walkUntil("restart mssql2");
        w.pass(Duration.ofMinutes(2));
        w.desire("r1");

        assertThat(w.walk(100)).containsExactly("restart mssql2", "done");
        assertThat(w.switchovers).isEmpty();
    }

    @Test
    void revertWhileThePodIsRecreatedBringsItBackOnTheOldRevisionAndRestartsNothingElse() {
        World w = threeMembers(V4, V5);
        w.walkUntil("restart mssql2");
        w.desire("r1");

        assertThat(w.walk(100)).containsExactly("done");
        assertThat(w.versions()).containsOnly(V4);
    }

    @Test
    void revertAfterTheSwitchoverWithTheSameVersionSwitchesBackOnceMore() {
        World w = threeMembers(V4, V4);
        w.walkUntil("switchover ag1 to mssql2");
        w.desire("r1");

        assertThat(w.walk(100)).containsExactly("restart mssql3", "switchover ag1 to mssql1", "restart mssql2", "done");
    }

    @Test
    void revertAfterTheSwitchoverToANewerVersionIsRefused() {
        World w = threeMembers(V4, V5);
        w.walkUntil("switchover ag1 to mssql2");
        w.desire("r1");

        List<String> steps = w.walk(100);

        assertThat(steps).last().isEqualTo("refuse");
        assertThat(steps).doesNotContain("restart mssql3");
    }

    @Test
    void aStalledMemberPausesTheRolloutUntilTheChangeIsReverted() {
        World w = threeMembers(V4, V5);
        w.stalledOn.put("mssql2", "r2");

        List<String> steps = w.walk(100);

        assertThat(steps).containsExactly("restart mssql2", "pause mssql2");
        w.desire("r1");
        assertThat(w.walk(100)).containsExactly("restart mssql2", "done");
    }

    @Test
    void asynchronousAndConfigurationOnlyMembersGoFirst() {
        World w = new World(Map.of("r1", V4, "r2", V5));
        for (String name : List.of("mssql1", "mssql2", "mssql3", "mssql4", "mssql5")) {
            w.instance(name, "r1");
        }
        w.ag("ag1", 1, "mssql1", Map.of("mssql1", AvailabilityMode.SYNCHRONOUS_COMMIT,
                "mssql2", AvailabilityMode.SYNCHRONOUS_COMMIT, "mssql3", AvailabilityMode.SYNCHRONOUS_COMMIT,
                "mssql4", AvailabilityMode.ASYNCHRONOUS_COMMIT, "mssql5", AvailabilityMode.CONFIGURATION_ONLY));
        w.desire("r2");

        assertThat(w.walk(100)).containsExactly("restart mssql4", "restart mssql5", "restart mssql2",
                "restart mssql3", "switchover ag1 to mssql2", "restart mssql1", "done");
    }

    @Test
    void anInstanceInTwoAgsWithTheSamePrimaryOneSwitchoverPerAg() {
        World w = new World(Map.of("r1", V4, "r2", V5));
        for (String name : List.of("mssql1", "mssql2", "mssql3", "mssql4")) {
            w.instance(name, "r1");
        }
        AvailabilityMode sync = AvailabilityMode.SYNCHRONOUS_COMMIT;
        w.ag("ag1", 1, "mssql1", Map.of("mssql1", sync, "mssql2", sync, "mssql3", sync));
        w.ag("ag2", 0, "mssql1", Map.of("mssql1", sync, "mssql4", sync));
        w.desire("r2");

        assertThat(w.walk(100)).containsExactly("restart mssql2", "restart mssql3", "restart mssql4",
                "switchover ag1 to mssql2", "switchover ag2 to mssql4", "restart mssql1", "done");
    }

    private static World threeMembers(SqlServerVersion before, SqlServerVersion after) {
        World w = new World(Map.of("r1", before, "r2", after));
        for (String name : List.of("mssql1", "mssql2", "mssql3")) {
            w.instance(name, "r1");
        }
        AvailabilityMode sync = AvailabilityMode.SYNCHRONOUS_COMMIT;
        w.ag("ag1", 1, "mssql1", Map.of("mssql1", sync, "mssql2", sync, "mssql3", sync));
        w.desire("r2");
        return w;
    }

    /** The model world; {@link #walk} checks the rules before carrying out every step. */
    private static final class World {
        final Map<String, SqlServerVersion> versionOfRevision;
        final Map<String, String> revision = new LinkedHashMap<>();
        final Map<String, SqlServerVersion> version = new HashMap<>();
        final Map<String, Instant> downUntil = new HashMap<>();
        final Map<String, Map<String, AvailabilityMode>> modes = new LinkedHashMap<>();
        final Map<String, Integer> rsstc = new HashMap<>();
        final Map<String, String> primary = new HashMap<>();
        final Map<String, String> pendingSwitchover = new HashMap<>();
        final Map<String, String> stalledOn = new HashMap<>();
        final List<String> switchovers = new ArrayList<>();
        String desired;
        Instant now = Fixtures.T0;
        Instant lastStepAt;

        World(Map<String, SqlServerVersion> versionOfRevision) {
            this.versionOfRevision = versionOfRevision;
        }

        void instance(String name, String rev) {
            revision.put(name, rev);
            version.put(name, versionOfRevision.get(rev));
        }

        void ag(String name, int required, String primaryName, Map<String, AvailabilityMode> members) {
            modes.put(name, new java.util.TreeMap<>(members));
            rsstc.put(name, required);
            primary.put(name, primaryName);
        }

        void desire(String rev) {
            desired = rev;
        }

        List<SqlServerVersion> versions() {
            return List.copyOf(version.values());
        }

        /** Time passes without the planner being asked. */
        void pass(Duration d) {
            now = now.plus(d);
            settle();
        }

        void walkUntil(String wanted) {
            for (int i = 0; i < 100; i++) {
                if (wanted.equals(tick())) {
                    return;
                }
            }
            fail("never came to " + wanted);
        }

        /** Steps (waits left out) until done, paused or refused. */
        List<String> walk(int maxTicks) {
            List<String> steps = new ArrayList<>();
            for (int i = 0; i < maxTicks; i++) {
                String step = tick();
                if (!step.equals("wait")) {
                    steps.add(step);
                }
                if (step.equals("done") || step.startsWith("pause") || step.equals("refuse")) {
                    return steps;
                }
            }
            return fail("no end after " + maxTicks + " ticks: " + steps);
        }

        private String tick() {
            now = now.plus(Duration.ofMinutes(1));
            settle();
            RolloutStep step = RolloutPlanner.next(snapshot(), now);
            if (step instanceof RolloutStep.Restart r) {
                checkRestart(r.instance());
                revision.put(r.instance(), null);
                downUntil.put(r.instance(), now.plus(Duration.ofSeconds(30)));
                lastStepAt = now;
            } else if (step instanceof RolloutStep.Switchover s) {
                checkSwitchover(s.ag(), s.target());
                pendingSwitchover.put(s.ag(), s.target());
                switchovers.add(s.ag());
                lastStepAt = now;
            }
            return RolloutFixtures.brief(step);
        }

        /** Deleted pods come back on the desired revision; requested switchovers happen. */
        private void settle() {
            downUntil.entrySet().removeIf(e -> {
                if (e.getValue().isBefore(now)) {
                    revision.put(e.getKey(), desired);
                    version.put(e.getKey(), versionOfRevision.get(desired));
                    return true;
                }
                return false;
            });
            pendingSwitchover.forEach(primary::put);
            pendingSwitchover.clear();
        }

        private boolean up(String name) {
            return !downUntil.containsKey(name);
        }

        private boolean caughtUp(String ag, String name) {
            if (!up(name) || revision.get(name).equals(stalledOn.get(name))) {
                return false;
            }
            return !version.get(name).isOlderThan(version.get(primary.get(ag)));
        }

        private long holding(String ag, String except) {
            return modes.get(ag).entrySet().stream()
                    .filter(e -> !e.getKey().equals(except) && !e.getKey().equals(primary.get(ag)))
                    .filter(e -> e.getValue() == AvailabilityMode.SYNCHRONOUS_COMMIT && caughtUp(ag, e.getKey()))
                    .count();
        }

        private void checkRestart(String name) {
            for (String ag : modes.keySet()) {
                if (!modes.get(ag).containsKey(name)) {
                    continue;
                }
                assertThat(primary.get(ag)).as("a primary is never restarted").isNotEqualTo(name);
                assertThat(modes.get(ag).keySet().stream().filter(m -> !m.equals(name) && !up(m)))
                        .as("never two members of " + ag + " down").isEmpty();
                long before = holding(ag, null);
                long after = holding(ag, name);
                assertThat(after >= rsstc.get(ag) || after == before)
                        .as("restarting " + name + " keeps " + ag + "'s commit durability").isTrue();
            }
        }

        private void checkSwitchover(String ag, String target) {
            assertThat(revision.get(target)).as("the target runs the new revision").isEqualTo(desired);
            assertThat(caughtUp(ag, target)).as("the target is synchronized").isTrue();
            for (String m : modes.get(ag).keySet()) {
                if (!m.equals(target) && !m.equals(primary.get(ag))) {
                    assertThat(version.get(m).isOlderThan(version.get(target)))
                            .as(m + " can receive log from the new primary " + target).isFalse();
                }
            }
        }

        private RolloutSnapshot snapshot() {
            List<RolloutInstance> instances = revision.keySet().stream()
                    .map(n -> new RolloutInstance(n, up(n), revision.get(n), desired, version.get(n)))
                    .toList();
            List<RolloutAg> ags = modes.keySet().stream().map(ag -> new RolloutAg(ag, rsstc.get(ag),
                    modes.get(ag).entrySet().stream().map(e -> new RolloutMember(e.getKey(), e.getValue(),
                            e.getKey().equals(primary.get(ag)) ? ReplicaRole.PRIMARY : ReplicaRole.SECONDARY,
                            e.getKey().equals(primary.get(ag)) || caughtUp(ag, e.getKey()))).toList(),
                    pendingSwitchover.containsKey(ag))).toList();
            return new RolloutSnapshot(instances, ags, lastStepAt, RolloutSnapshot.DEFAULT_SETTLE_BOUND);
        }
    }
}
