package io.github.mssqlk8s.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A randomized fault schedule, the same for the same seed and profile: one to three faults in the first eight
 * seconds, each lasting one to eight seconds, so that they often overlap ("several faults at once"). At most one
 * membership change per schedule.
 * <ul>
 * <li>{@link Profile#CLASSIC}: the twelve original kinds, clock skew within ±3 s, polite SQL Servers (a seed keeps
 * the schedule it always had).
 * <li>{@link Profile#HARSH}: every kind, including agent freezes of up to 10 s at any point of a tick, the API
 * server cut off from the primary alone and late statements; clock skew within ±30 s; and each of the simulated
 * SQL Servers' switches drawn polite or worst ({@link SqlBehaviour}).
 * </ul>
 */
record FaultSchedule(long seed, Profile profile, List<ScheduledFault> faults, SqlBehaviour sql) {

    enum Profile {
        CLASSIC, HARSH
    }

    static FaultSchedule generate(long seed) {
        return generate(seed, Profile.CLASSIC);
    }

    static FaultSchedule generate(long seed, Profile profile) {
        // SplittableRandom mixes its seed: neighbouring seeds (a campaign's seed + i) give unrelated schedules.
        SplittableRandom random = new SplittableRandom(seed);
        boolean harsh = profile == Profile.HARSH;
        FaultKind[] kinds = harsh ? FaultKind.values() : FaultKind.CLASSIC;
        int count = 1 + random.nextInt(3);
        List<ScheduledFault> faults = new ArrayList<>();
        boolean membershipChanged = false;
        while (faults.size() < count) {
            FaultKind kind = kinds[random.nextInt(kinds.length)];
            if (kind.permanent() && membershipChanged) {
                continue;
            }
            membershipChanged |= kind.permanent();
            boolean onPrimary = random.nextInt(100) < 60;
            long at = random.nextInt(8_000);
            long duration = 1_000 + random.nextInt(7_000);
            long parameter = switch (kind) {
                case SQL_SLOW, LINK_SLOW -> 100 + random.nextInt(1_400);
                case CLOCK_SKEW -> harsh ? random.nextInt(60_001) - 30_000 : random.nextInt(6_001) - 3_000;
                case AGENT_FREEZE -> 500 + random.nextInt(9_501);
                case LATE_STATEMENTS -> 500 + random.nextInt(4_501);
                default -> 0;
            };
            int variant = kind == FaultKind.AGENT_FREEZE ? random.nextInt(io.github.mssqlk8s.agent.ag.TickPause.Point.values().length) : 0;
            if (kind == FaultKind.AGENT_FREEZE) {
                // armed until the freeze surely ran: the replica counts as impaired for all of it
                duration = parameter + 1_000;
            }
            faults.add(new ScheduledFault(kind, onPrimary, at, duration, parameter, variant));
        }
        faults.sort(Comparator.comparingLong(ScheduledFault::atMillis));
        SqlBehaviour sql = harsh ? new SqlBehaviour(random.nextBoolean(), random.nextBoolean(), random.nextBoolean(),
                random.nextBoolean(), Duration.ZERO) : SqlBehaviour.POLITE;
        return new FaultSchedule(seed, profile, List.copyOf(faults), sql);
    }

    /** When the last fault is over (permanent ones count at their start). */
    long endMillis() {
        return faults.stream().mapToLong(fault -> fault.kind().permanent() ? fault.atMillis() : fault.endMillis()).max().orElse(0);
    }

    @Override
    public String toString() {
        String faultList = String.join("; ", faults.stream().map(ScheduledFault::toString).toList());
        return "seed " + seed + ": " + faultList
                + (profile == Profile.CLASSIC ? "" : " [" + profile.name().toLowerCase(Locale.ROOT) + ", SQL Server " + sql + "]");
    }
}
