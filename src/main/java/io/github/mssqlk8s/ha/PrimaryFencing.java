package io.github.mssqlk8s.ha;

import java.time.Instant;
import java.util.Optional;

/**
 * The rules by which a primary takes itself out, checked before anything else (contract §6): it must
 * hold the Lease, must have renewed it within the renew deadline, and must not have a configuration
 * commit stuck past the commit-stuck timeout.
 */
public final class PrimaryFencing {

    private PrimaryFencing() {
    }

    /** For a local PRIMARY: the demotion it must carry out now, empty when it may stay. */
    public static Optional<Decision.Demote> mustDemote(AgSnapshot s, Instant now) {
        String me = s.local().name();
        LeadershipView lease = s.leadership();
        TimingSettings timing = s.timing();
        if (!lease.isHeldBy(me, now)) {
            String why = lease.isHeld(now) ? "the Lease is held by " + lease.holder() : "the Lease ran out";
            return Optional.of(new Decision.Demote(false, "leadership lost (" + why
                    + "): demoting so that there are never two primaries"));
        }
        if (Durations.exceeded(lease.renewTime(), timing.renewDeadline(), now)) {
            return Optional.of(new Decision.Demote(true, "could not renew the Lease within the renew deadline "
                    + Durations.format(timing.renewDeadline()) + " (last renewal "
                    + Durations.format(Durations.until(lease.renewTime(), now)) + " ago): demoting"));
        }
        Instant pending = s.local().commitPendingSince();
        if (pending != null && Durations.exceeded(pending, timing.commitStuckTimeout(), now)) {
            return Optional.of(new Decision.Demote(true, "configuration commit stuck for "
                    + Durations.format(Durations.until(pending, now)) + ", past the commit-stuck timeout "
                    + Durations.format(timing.commitStuckTimeout()) + ": no longer renewing the write lease, going offline"));
        }
        return Optional.empty();
    }
}
