package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The AG's Kubernetes Lease as this agent last read or wrote it. As the agent hands it to the decider, its times
 * are on the agent's own clock (contract §6, client-go's rule): {@code renewTime} is when this agent first saw the
 * current renewal (or started its own), so the Lease expires {@code leaseDuration} after that whatever the
 * holder's clock says; {@code acquireTime} of a tenure this agent did not start is when it first saw that tenure.
 *
 * @param holder              {@code holderIdentity} (a SqlServer name), null or empty when released
 * @param acquireTime         when the holder acquired it
 * @param renewTime           its last renewal
 * @param leaseDuration       {@code leaseDurationSeconds}
 * @param previousRenewTime   when this agent first saw the renewal of the record it replaced by acquiring,
 *                            null when unknown; it bounds the previous holder's last Lease renewal
 */
public record LeadershipView(String holder, Instant acquireTime, Instant renewTime, Duration leaseDuration,
                             Instant previousRenewTime) {

    public LeadershipView {
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        if (holder != null && !holder.isEmpty()) {
            Objects.requireNonNull(acquireTime, "acquireTime");
            Objects.requireNonNull(renewTime, "renewTime");
        }
    }

    public static LeadershipView vacant(Duration leaseDuration) {
        return new LeadershipView(null, null, null, leaseDuration, null);
    }

    /** Someone holds it and the Lease has not run out at {@code now}. */
    public boolean isHeld(Instant now) {
        return holder != null && !holder.isEmpty() && renewTime.plus(leaseDuration).isAfter(now);
    }

    public boolean isHeldBy(String name, Instant now) {
        return isHeld(now) && holder.equals(name);
    }
}
