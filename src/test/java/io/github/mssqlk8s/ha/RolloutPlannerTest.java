package io.github.mssqlk8s.ha;

import static io.github.mssqlk8s.ha.RolloutFixtures.NOW;
import static io.github.mssqlk8s.ha.RolloutFixtures.brief;
import static io.github.mssqlk8s.ha.RolloutFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RolloutPlannerTest {

    private static final Duration JUST_NOW = Duration.ofSeconds(30);
    private static final Duration LONG_AGO = Duration.ofMinutes(11);

    private static final String AG3 = "ag1 rsstc=1: mssql1 P sync, mssql2 S sync, mssql3 S sync";

    private static Arguments step(String name, List<String> instances, List<String> ags, Duration sinceLastStep,
                                  String expected, String reasonPart) {
        return Arguments.of(Named.of(name, instances), ags, sinceLastStep, expected, reasonPart);
    }

    static Stream<Arguments> singleAg() {
        return Stream.of(
                step("everything outdated: a secondary first, by name",
                        List.of("mssql1 r1>r2", "mssql2 r1>r2", "mssql3 r1>r2"), List.of(AG3), null,
                        "restart mssql2", "restart secondary mssql2 on revision r2 (ag1: synchronous-commit)"),
                step("one secondary updated and back: the next one",
                        List.of("mssql1 r1>r2", "mssql2 r2>r2", "mssql3 r1>r2"), List.of(AG3), JUST_NOW,
                        "restart mssql3", "mssql3"),
                step("the restarted secondary has no pod yet: wait",
                        List.of("mssql1 r1>r2", "mssql2 ->r2", "mssql3 r1>r2"), List.of(AG3), JUST_NOW,
                        "wait", "mssql2 has no pod yet"),
                step("the restarted secondary is up but not SYNCHRONIZED: wait",
                        List.of("mssql1 r1>r2", "mssql2 r2>r2", "mssql3 r1>r2"),
                        List.of("ag1 rsstc=1: mssql1 P sync, mssql2 S sync lag, mssql3 S sync"), JUST_NOW,
                        "wait", "mssql2 is not SYNCHRONIZED in ag1"),
                step("the restarted secondary is not back within the bound: pause on it",
                        List.of("mssql1 r1>r2", "mssql2 r2>r2", "mssql3 r1>r2"),
                        List.of("ag1 rsstc=1: mssql1 P sync, mssql2 S sync lag, mssql3 S sync"), LONG_AGO,
                        "pause mssql2", "mssql2 is not SYNCHRONIZED in ag1 600s after the last rollout step"),
                step("the restarted secondary is still down after the bound: pause on it",
                        List.of("mssql1 r1>r2", "mssql2 r2>r2 down", "mssql3 r1>r2"), List.of(AG3), LONG_AGO,
                        "pause mssql2", "mssql2 is not up"),
                step("a member that was unsynchronized before the rollout began is waited for, not paused on",
                        List.of("mssql1 r1>r2", "mssql2 r2>r2", "mssql3 r2>r2"),
                        List.of("ag1 rsstc=1: mssql1 P sync, mssql2 S sync lag, mssql3 S sync"), null,
                        "wait", "mssql2"),
                step("every secondary updated: one planned switchover to an updated synchronized secondary",
                        List.of("mssql1 r1>r2", "mssql2 r2>r2", "mssql3 r2>r2"), List.of(AG3), JUST_NOW,
                        "switchover ag1 to mssql2", "planned switchover from mssql1 to mssql2"),
                step("the switchover is requested: wait",
                        List.of("mssql1 r1>r2", "mssql2 r2>r2", "mssql3 r2>r2"),
                        List.of("ag1 rsstc=1 switching: mssql1 P sync, mssql2 S sync, mssql3 S sync"), JUST_NOW,
                        "wait", "switchover of ag1"),
                step("the switchover does not happen within the bound: pause on the primary",
                        List.of("mssql1 r1>r2", "mssql2 r2>r2", "mssql3 r2>r2"),
                        List.of("ag1 rsstc=1 switching: mssql1 P sync, mssql2 S sync, mssql3 S sync"), LONG_AGO,
                        "pause mssql1", "not done 600s after it was requested"),
                step("after the switchover the old primary restarts last, even while it cannot follow a newer primary",
                        List.of("mssql1 r1>r2 16.0.4", "mssql2 r2>r2 16.0.5", "mssql3 r2>r2 16.0.5"),
                        List.of("ag1 rsstc=1: mssql1 S sync lag, mssql2 P sync, mssql3 S sync"), JUST_NOW,
                        "restart mssql1", "mssql1"),
                step("everything updated and back: done",
                        List.of("mssql1 r2>r2", "mssql2 r2>r2", "mssql3 r2>r2"),
                        List.of("ag1 rsstc=1: mssql1 S sync, mssql2 P sync, mssql3 S sync"), JUST_NOW,
                        "done", "all 3 instances"),
                step("everything updated but the last one not back yet: wait, not done",
                        List.of("mssql1 r2>r2", "mssql2 r2>r2", "mssql3 r2>r2"),
                        List.of("ag1 rsstc=1: mssql1 S sync lag, mssql2 P sync, mssql3 S sync"), JUST_NOW,
                        "wait", "mssql1"),
                step("asynchronous-commit and configuration-only members before synchronous-commit ones",
                        List.of("mssql1 r1>r2", "mssql2 r1>r2", "mssql3 r1>r2", "mssql4 r1>r2"),
                        List.of("ag1: mssql1 P sync, mssql2 S sync, mssql3 S async, mssql4 S config"), null,
                        "restart mssql3", "asynchronous-commit"),
                step("then the configuration-only one",
                        List.of("mssql1 r1>r2", "mssql2 r1>r2", "mssql3 r2>r2", "mssql4 r1>r2"),
                        List.of("ag1: mssql1 P sync, mssql2 S sync, mssql3 S async, mssql4 S config"), JUST_NOW,
                        "restart mssql4", "configuration-only"),
                step("an outdated member that is down restarts first: no second member goes down",
                        List.of("mssql1 r1>r2", "mssql2 r1>r2", "mssql3 r1>r2 down"), List.of(AG3), null,
                        "restart mssql3", "mssql3"),
                step("an outdated member is down: the next by name is not restarted beside it",
                        List.of("mssql1 r1>r2", "mssql2 r1>r2", "mssql3 r1>r2 down"),
                        List.of("ag1: mssql1 P sync, mssql2 S async, mssql3 S async"), null,
                        "restart mssql3", "mssql3"),
                step("an updated member is down: wait, never a second member down",
                        List.of("mssql1 r1>r2", "mssql2 r1>r2", "mssql3 r2>r2 down"), List.of(AG3), JUST_NOW,
                        "wait", "mssql3 is not up"),
                step("the synchronized secondary the commit durability needs is not restarted; the lagging one is",
                        List.of("mssql1 r1>r2", "mssql2 r1>r2", "mssql3 r1>r2"),
                        List.of("ag1 rsstc=1: mssql1 P sync, mssql2 S sync, mssql3 S sync lag"), null,
                        "restart mssql3", "mssql3"),
                step("the commit durability needs the only secondary: refused, never restarted",
                        List.of("mssql1 r1>r2", "mssql2 r1>r2"), List.of("ag1 rsstc=1: mssql1 P sync, mssql2 S sync"),
                        null, "refuse", "would leave ag1 0 synchronized secondaries, and its commit durability needs 1"),
                step("two synchronous replicas (commit durability 0): the secondary restarts",
                        List.of("mssql1 r1>r2", "mssql2 r1>r2"), List.of("ag1: mssql1 P sync, mssql2 S sync"),
                        null, "restart mssql2", "mssql2"),
                step("no synchronous-commit secondary: the primary is never restarted, refused",
                        List.of("mssql1 r1>r2", "mssql2 r2>r2", "mssql3 r2>r2"),
                        List.of("ag1: mssql1 P sync, mssql2 S async, mssql3 S config"), JUST_NOW,
                        "refuse", "cannot restart without a forced failover"),
                step("no primary labelled: wait for the agents",
                        List.of("mssql1 r1>r2", "mssql2 r1>r2"), List.of("ag1: mssql1 S sync, mssql2 S sync"),
                        null, "wait", "ag1 has 0 primaries"),
                step("the primary is down: wait for the agents, restart nothing",
                        List.of("mssql1 r1>r2 down", "mssql2 r1>r2", "mssql3 r1>r2"), List.of(AG3), null,
                        "wait", "ag1's primary mssql1 is down"),
                step("an instance in no AG simply restarts",
                        List.of("solo r1>r2"), List.of(), null, "restart solo", "in no AG"));
    }

    static Stream<Arguments> versionsAndReverts() {
        return Stream.of(
                step("revert before the switchover: the one secondary already restarted rolls back",
                        List.of("mssql1 r1>r1 16.0.4", "mssql2 r2>r1 16.0.5", "mssql3 r1>r1 16.0.4"), List.of(AG3),
                        JUST_NOW, "restart mssql2", "on revision r1"),
                step("revert of a stalled member: it restarts at once, paused or not",
                        List.of("mssql1 r1>r1", "mssql2 r2>r1 down", "mssql3 r1>r1"), List.of(AG3), LONG_AGO,
                        "restart mssql2", "mssql2"),
                step("revert after the switchover to a newer version: a downgrade below the primary's version is refused",
                        List.of("mssql1 r1>r1 16.0.4", "mssql2 r2>r1 16.0.5", "mssql3 r2>r1 16.0.5"),
                        List.of("ag1 rsstc=1: mssql1 S sync lag, mssql2 P sync, mssql3 S sync"), JUST_NOW,
                        "refuse", "mssql1 runs SQL Server 16.0.4.0, older than ag1's primary on 16.0.5.0"),
                step("an image of an older version restarted on a secondary: refused at once, not waited for",
                        List.of("mssql1 r1>r2 16.0.5", "mssql2 r2>r2 16.0.4", "mssql3 r1>r2 16.0.5"),
                        List.of("ag1 rsstc=1: mssql1 P sync, mssql2 S sync lag, mssql3 S sync"), JUST_NOW,
                        "refuse", "downgrade below the AG's highest version"),
                step("a secondary on a newer version than the primary is fine before the switchover",
                        List.of("mssql1 r1>r2 16.0.4", "mssql2 r2>r2 16.0.5", "mssql3 r1>r2 16.0.4"), List.of(AG3),
                        JUST_NOW, "restart mssql3", "mssql3"));
    }

    static Stream<Arguments> severalAgs() {
        String ag1 = "ag1 rsstc=1: mssql1 P sync, mssql2 S sync, mssql3 S sync";
        String ag2 = "ag2 rsstc=1: mssql2 P sync, mssql1 S sync, mssql3 S sync";
        return Stream.of(
                step("each primary is a secondary of the other AG: the instance that is nobody's primary first",
                        List.of("mssql1 r1>r2", "mssql2 r1>r2", "mssql3 r1>r2"), List.of(ag1, ag2), null,
                        "restart mssql3", "mssql3"),
                step("then one AG switches over to it (same version: the other primary can follow)",
                        List.of("mssql1 r1>r2 16.0.4", "mssql2 r1>r2 16.0.4", "mssql3 r2>r2 16.0.4"),
                        List.of(ag1, ag2), JUST_NOW, "switchover ag1 to mssql3", "from mssql1 to mssql3"),
                step("with a newer version no order keeps both AGs' rules: refused with the reason",
                        List.of("mssql1 r1>r2 16.0.4", "mssql2 r1>r2 16.0.4", "mssql3 r2>r2 16.0.5"),
                        List.of(ag1, ag2), JUST_NOW, "refuse", "might be older than mssql3"),
                step("the former primary of ag1 is still primary of ag2: it waits for ag2's switchover",
                        List.of("mssql1 r1>r2", "mssql2 r1>r2", "mssql3 r2>r2"),
                        List.of("ag1 rsstc=1: mssql1 S sync, mssql2 S sync, mssql3 P sync",
                                "ag2 rsstc=1: mssql1 P sync, mssql2 S sync, mssql3 S sync"), JUST_NOW,
                        "restart mssql2", "ag1: synchronous-commit, ag2: synchronous-commit"),
                step("an instance primary of ag2 and secondary of ag1: ag2 switches before it restarts",
                        List.of("mssql1 r1>r2", "mssql2 r2>r2", "mssql3 r2>r2"),
                        List.of("ag1 rsstc=1: mssql1 S sync, mssql2 S sync, mssql3 P sync",
                                "ag2 rsstc=1: mssql1 P sync, mssql2 S sync, mssql3 S sync"), JUST_NOW,
                        "switchover ag2 to mssql2", "from mssql1 to mssql2"),
                step("a shared member holding ag2's commits waits; the asynchronous one of ag1 goes",
                        List.of("mssql1 r1>r2", "mssql2 r1>r2", "mssql3 r1>r2", "mssql4 r1>r2", "mssql5 r1>r2"),
                        List.of("ag1: mssql1 P sync, mssql3 S async",
                                "ag2 rsstc=1: mssql4 P sync, mssql3 S sync, mssql5 S sync lag, mssql2 S async"), null,
                        "restart mssql2", "mssql2"),
                step("the shared member is blocked by ag2's commit durability; the lagging member of ag2 goes first",
                        List.of("mssql1 r1>r2", "mssql2 r2>r2", "mssql3 r1>r2", "mssql4 r1>r2", "mssql5 r1>r2"),
                        List.of("ag1: mssql1 P sync, mssql3 S async",
                                "ag2 rsstc=1: mssql4 P sync, mssql3 S sync, mssql5 S sync lag, mssql2 S async"), null,
                        "restart mssql5", "mssql5"),
                step("a secondary held back by another AG's rules is not overtaken by its primary's switchover",
                        List.of("mssql1 r1>r2 16.0.4", "mssql2 r2>r2 16.0.4", "mssql3 r1>r2 16.0.4",
                                "mssql4 r2>r2 16.0.4"),
                        List.of("ag1: mssql1 P sync, mssql2 S sync, mssql3 S async",
                                "ag2 rsstc=1: mssql4 P sync, mssql3 S sync"), JUST_NOW,
                        "refuse", "mssql3 is a secondary that still runs the old revision, and secondaries go first"),
                step("one step at a time across AGs: a member of another AG coming back is waited for",
                        List.of("mssql1 r1>r2", "mssql2 r1>r2", "mssql4 r1>r2", "mssql5 r2>r2 down"),
                        List.of("ag1: mssql1 P sync, mssql2 S sync", "ag2: mssql4 P sync, mssql5 S sync"), JUST_NOW,
                        "wait", "mssql5 is not up"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"singleAg", "versionsAndReverts", "severalAgs"})
    void decidesTheNextStep(List<String> instances, List<String> ags, Duration sinceLastStep, String expected,
                            String reasonPart) {
        RolloutStep step = RolloutPlanner.next(snapshot(instances, ags, sinceLastStep), NOW);

        assertThat(brief(step)).as(step.reason()).isEqualTo(expected);
        assertThat(step.reason()).contains(reasonPart);
    }

    @Test
    void theBoundIsStrict() {
        List<String> instances = List.of("mssql1 r1>r2", "mssql2 r2>r2 down", "mssql3 r1>r2");
        assertThat(brief(RolloutPlanner.next(snapshot(instances, List.of(AG3), Duration.ofMinutes(10)), NOW)))
                .isEqualTo("wait");
        assertThat(brief(RolloutPlanner.next(
                snapshot(instances, List.of(AG3), Duration.ofMinutes(10).plusMillis(1)), NOW)))
                .isEqualTo("pause mssql2");
    }
}
