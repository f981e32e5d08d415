package io.github.mssqlk8s.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A randomized fault schedule, the same for the same seed: one to three faults in the first eight seconds, each
 * lasting one to eight seconds, so that they often overlap ("several faults at once"). At most one membership
 * change per schedule.
 */
record FaultSchedule(long seed, List<ScheduledFault> faults) {

    private static final FaultKind[] KINDS = FaultKind.values();

    static FaultSchedule generate(long seed) {
        // SplittableRandom mixes its seed: neighbouring seeds (a campaign's seed + i) give unrelated schedules.
        SplittableRandom random = new SplittableRandom(seed);
        int count = 1 + random.nextInt(3);
        List<ScheduledFault> faults = new ArrayList<>();
        boolean membershipChanged = false;
        while (faults.size() < count) {
            FaultKind kind = KINDS[random.nextInt(KINDS.length)];
            if (kind.permanent() && membershipChanged) {
                continue;
            }
            membershipChanged |= kind.permanent();
            boolean onPrimary = random.nextInt(100) < 60;
            long at = random.nextInt(8_000);
            long duration = 1_000 + random.nextInt(7_000);
            long parameter = switch (kind) {
                case SQL_SLOW, LINK_SLOW -> 100 + random.nextInt(1_400);
                case CLOCK_SKEW -> random.nextInt(6_001) - 3_000;
                default -> 0;
            };
            faults.add(new ScheduledFault(kind, onPrimary, at, duration, parameter));
        }
        faults.sort(Comparator.comparingLong(ScheduledFault::atMillis));
        return new FaultSchedule(seed, List.copyOf(faults));
    }

    /** When the last fault is over (permanent ones count at their start). */
    long endMillis() {
        return faults.stream().mapToLong(fault -> fault.kind().permanent() ? fault.atMillis() : fault.endMillis()).max().orElse(0);
    }

    @Override
    public String toString() {
        return "seed " + seed + ": " + String.join("; ", faults.stream().map(ScheduledFault::toString).toList());
    }
}
