package io.github.mssqlk8s.chaos;

import io.github.mssqlk8s.testing.LogsToFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code scripts/chaos N [seed] [classic|harsh]}: runs N fault schedules of the profile (classic by default), schedule
 * i from seed {@code seed + i} (the seed defaults to the current time), prints one line per schedule and a summary,
 * and for every failure its seed and the one line that replays it. Exits 1 when any schedule broke a promise.
 */
public final class ChaosCampaign {

    private ChaosCampaign() {
    }

    public static void main(String[] args) throws IOException {
        LogsToFile.redirect(Path.of("target/chaos/chaos.log"));
        int count;
        long seed;
        FaultSchedule.Profile profile;
        try {
            count = args.length > 0 ? Integer.parseInt(args[0]) : 10;
            seed = args.length > 1 ? Long.parseLong(args[1]) : System.currentTimeMillis();
            profile = args.length > 2 ? FaultSchedule.Profile.valueOf(args[2].toUpperCase(Locale.ROOT)) : FaultSchedule.Profile.CLASSIC;
        } catch (IllegalArgumentException badArgument) {
            System.err.println("chaos: usage: scripts/chaos N [seed] [classic|harsh] (" + badArgument.getMessage() + ")");
            System.exit(2);
            return;
        }
        List<ScheduleOutcome> outcomes = run(count, seed, profile, System.out);
        summarize(outcomes, System.out);
        System.exit(outcomes.stream().allMatch(ScheduleOutcome::passed) ? 0 : 1);
    }

    static List<ScheduleOutcome> run(int count, long seed, PrintStream out) {
        return run(count, seed, FaultSchedule.Profile.CLASSIC, out);
    }

    static List<ScheduleOutcome> run(int count, long seed, FaultSchedule.Profile profile, PrintStream out) {
        List<FaultSchedule> schedules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            schedules.add(FaultSchedule.generate(seed + i, profile));
        }
        return run(schedules, out);
    }

    /** Runs the given schedules, printing a line for each (and, for a split brain, each window). */
    static List<ScheduleOutcome> run(List<FaultSchedule> schedules, PrintStream out) {
        List<ScheduleOutcome> outcomes = new ArrayList<>();
        int count = schedules.size();
        for (int i = 0; i < count; i++) {
            FaultSchedule schedule = schedules.get(i);
            out.println("[" + (i + 1) + "/" + count + "] " + schedule);
            ScheduleOutcome outcome = ChaosRun.run(schedule);
            out.printf(Locale.ROOT, "    %s: %d faults (%d skipped), %d failovers, %d writes acknowledged, %d lost, "
                            + "%d split-brain windows, longest write gap %s, first write after the last fault %s%n",
                    outcome.passed() ? "ok" : "FAILED", outcome.faultsInjected(), outcome.skipped(), outcome.failovers(),
                    outcome.acknowledgedWrites(), outcome.lostWrites(), outcome.splitBrainWindows(),
                    seconds(outcome.longestWriteGap()), seconds(outcome.recoveryAfterHeal()));
            outcome.problems().forEach(problem -> out.println("    problem: " + problem));
            outcomes.add(outcome);
        }
        return outcomes;
    }

    static void summarize(List<ScheduleOutcome> outcomes, PrintStream out) {
        Map<FaultKind, Integer> byKind = new EnumMap<>(FaultKind.class);
        outcomes.forEach(outcome -> outcome.injected().forEach((kind, n) -> byKind.merge(kind, n, Integer::sum)));
        Duration worst = outcomes.stream().map(ScheduleOutcome::longestWriteGap).filter(Objects::nonNull)
                .max(Duration::compareTo).orElse(null);
        List<ScheduleOutcome> failed = outcomes.stream().filter(outcome -> !outcome.passed()).toList();
        out.println();
        out.println("Chaos campaign summary");
        out.printf(Locale.ROOT, "  schedules:            %d (%d passed, %d failed)%n", outcomes.size(),
                outcomes.size() - failed.size(), failed.size());
        out.printf(Locale.ROOT, "  faults injected:      %d %s (skipped, target busy: %d)%n",
                outcomes.stream().mapToInt(ScheduleOutcome::faultsInjected).sum(), byKind,
                outcomes.stream().mapToInt(ScheduleOutcome::skipped).sum());
        out.printf(Locale.ROOT, "  kinds never injected: %s%n", neverInjected(outcomes, byKind));
        out.printf(Locale.ROOT, "  simulator switches:   %s%n", switchesDrawn(outcomes));
        out.printf(Locale.ROOT, "  failovers:            %d%n", outcomes.stream().mapToInt(ScheduleOutcome::failovers).sum());
        out.printf(Locale.ROOT, "  writes acknowledged:  %d%n", outcomes.stream().mapToLong(ScheduleOutcome::acknowledgedWrites).sum());
        out.printf(Locale.ROOT, "  lost writes:          %d%n", outcomes.stream().mapToInt(ScheduleOutcome::lostWrites).sum());
        out.printf(Locale.ROOT, "  split-brain windows:  %d%n", outcomes.stream().mapToInt(ScheduleOutcome::splitBrainWindows).sum());
        out.printf(Locale.ROOT, "  worst recovery:       %s (longest wait between acknowledged writes through the primary route; "
                + "bound with a quorum healthy: %d s)%n", seconds(worst), ChaosRun.RECOVERY_BOUND.toSeconds());
        for (ScheduleOutcome outcome : failed) {
            out.println("  FAILED seed " + outcome.schedule().seed() + ": " + String.join(" | ", outcome.problems()));
            out.println("    replay: scripts/chaos 1 " + outcome.schedule().seed()
                    + (outcome.schedule().profile() == FaultSchedule.Profile.CLASSIC ? ""
                            : " " + outcome.schedule().profile().name().toLowerCase(Locale.ROOT)));
        }
    }

    /** The kinds the schedules' profiles could draw that no schedule injected, "none" when every one was. */
    static String neverInjected(List<ScheduleOutcome> outcomes, Map<FaultKind, Integer> byKind) {
        boolean harsh = outcomes.stream().anyMatch(o -> o.schedule().profile() == FaultSchedule.Profile.HARSH);
        List<String> missing = java.util.Arrays.stream(harsh ? FaultKind.values() : FaultKind.CLASSIC)
                .filter(kind -> byKind.getOrDefault(kind, 0) == 0).map(FaultKind::name).toList();
        return missing.isEmpty() ? "none" : String.join(", ", missing);
    }

    /** Per simulator switch, in how many schedules it was at its worst, e.g. "old-primary-stays-primary 9/20". */
    static String switchesDrawn(List<ScheduleOutcome> outcomes) {
        int n = outcomes.size();
        List<SqlBehaviour> drawn = outcomes.stream().map(o -> o.schedule().sql()).toList();
        return String.format(Locale.ROOT, "worst in old-primary-stays-primary %d/%d, suspend-after-forced-failover %d/%d,"
                        + " configuration-commits-hang %d/%d, replica-own-lease-at-failover %d/%d",
                drawn.stream().filter(SqlBehaviour::oldPrimaryStaysPrimary).count(), n,
                drawn.stream().filter(SqlBehaviour::suspendAfterForcedFailover).count(), n,
                drawn.stream().filter(SqlBehaviour::configurationCommitsHang).count(), n,
                drawn.stream().filter(SqlBehaviour::replicaOwnLeaseAtFailover).count(), n);
    }

    private static String seconds(Duration duration) {
        return duration == null ? "–" : String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
    }
}
