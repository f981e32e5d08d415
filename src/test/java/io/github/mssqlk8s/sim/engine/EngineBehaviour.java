package io.github.mssqlk8s.sim.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Where SQL Server's real behaviour is unknown or may vary, the simulator can take either the polite behaviour it
 * used to have or the worst legal one. One set per {@link SimNetwork}; tests and the chaos campaign flip switches at
 * any time. Defaults: the worst legal behaviour for the three switches every existing scenario test passes with;
 * {@link #leaseAtFailover} stays {@link LeaseAtFailover#FRESH} until the agents renew the write lease before
 * FAILOVER (review finding F5), since with {@code REPLICA_OWN} every promotion loops today.
 */
public final class EngineBehaviour {

    /** What a replica's write lease is right after FAILOVER makes it the primary. */
    public enum LeaseAtFailover {
        /** FAILOVER starts a fresh write lease of WRITE_LEASE_VALIDITY (the simulator's old behaviour). */
        FRESH,
        /**
         * The new primary keeps the replica's own lease, whatever a renewal on it last set (expired if none): as
         * Microsoft's Pacemaker agent implies by renewing the lease on the target secondary right before FAILOVER.
         * A renewal on a secondary of a lease-enabled group is then accepted (47116 only when the group has no
         * write lease).
         */
        REPLICA_OWN
    }

    /**
     * A primary still reachable when FAILOVER runs elsewhere stays PRIMARY and writable until its own write lease
     * runs out or it is told OFFLINE or SET (ROLE = SECONDARY); two primaries that meet both stay PRIMARY. Off: it
     * hands over politely and becomes SECONDARY, and of two that meet the older one goes RESOLVING.
     */
    public volatile boolean oldPrimaryStaysPrimary = true;
    /**
     * After FORCE_FAILOVER_ALLOW_DATA_LOSS, the databases of every replica that had not adopted the forced
     * configuration (the other secondaries, a returning former primary) are SUSPENDED until
     * {@code ALTER DATABASE [db] SET HADR RESUME}, as SQL Server documents. Off: they catch up (re-seeded).
     */
    public volatile boolean suspendAfterForcedFailover = true;
    /**
     * A configuration change on a primary with REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT ≥ 1 waits until a
     * synchronous secondary adopted it: cut off from every synchronous secondary, ALTER AVAILABILITY GROUP … ADD /
     * MODIFY / REMOVE / SET hangs (commits hang anyway). Off: it commits at once.
     */
    public volatile boolean configurationCommitsNeedSynchronousSecondary = true;
    public volatile LeaseAtFailover leaseAtFailover = LeaseAtFailover.FRESH;
    /**
     * NEGATIVE CONTROL ONLY, not a legal behaviour: every write lease a renewal or FAILOVER grants lasts this much
     * longer than WRITE_LEASE_VALIDITY says, which defeats the agents' wait for a lost primary's write lease. Tests
     * use it to show that the chaos campaign's monitor does see the split-brain windows it claims to rule out.
     */
    public volatile java.time.Duration writeLeaseOverstay = java.time.Duration.ZERO;

    /**
     * Sets the switches a comma-separated list names: {@code old-primary-stays-primary},
     * {@code suspend-after-forced-failover}, {@code configuration-commits-hang}, {@code replica-own-lease-at-failover},
     * or {@code worst} for all; {@code polite} turns every switch off first (the names {@link #toString()} prints).
     */
    public EngineBehaviour set(String names) {
        for (String name : names == null ? new String[0] : names.split(",")) {
            switch (name.strip()) {
                case "" -> {
                }
                case "polite" -> polite();
                case "worst" -> worstLegal();
                case "old-primary-stays-primary" -> oldPrimaryStaysPrimary = true;
                case "suspend-after-forced-failover" -> suspendAfterForcedFailover = true;
                case "configuration-commits-hang" -> configurationCommitsNeedSynchronousSecondary = true;
                case "replica-own-lease-at-failover" -> leaseAtFailover = LeaseAtFailover.REPLICA_OWN;
                default -> throw new IllegalArgumentException("no simulator switch named '" + name.strip() + "'");
            }
        }
        return this;
    }

    /** Every switch at its worst. */
    public EngineBehaviour worstLegal() {
        oldPrimaryStaysPrimary = true;
        suspendAfterForcedFailover = true;
        configurationCommitsNeedSynchronousSecondary = true;
        leaseAtFailover = LeaseAtFailover.REPLICA_OWN;
        return this;
    }

    /** Back to the simulator's polite defaults. */
    public EngineBehaviour polite() {
        oldPrimaryStaysPrimary = false;
        suspendAfterForcedFailover = false;
        configurationCommitsNeedSynchronousSecondary = false;
        leaseAtFailover = LeaseAtFailover.FRESH;
        writeLeaseOverstay = java.time.Duration.ZERO;
        return this;
    }

    /** The switches that are not at their polite default, for reports ("polite" when none). */
    @Override
    public String toString() {
        List<String> on = new ArrayList<>();
        if (oldPrimaryStaysPrimary) {
            on.add("old-primary-stays-primary");
        }
        if (suspendAfterForcedFailover) {
            on.add("suspend-after-forced-failover");
        }
        if (configurationCommitsNeedSynchronousSecondary) {
            on.add("configuration-commits-hang");
        }
        if (leaseAtFailover == LeaseAtFailover.REPLICA_OWN) {
            on.add("replica-own-lease-at-failover");
        }
        if (!writeLeaseOverstay.isZero()) {
            on.add("SABOTAGE-write-lease-overstays-" + writeLeaseOverstay.toMillis() + "ms");
        }
        return on.isEmpty() ? "polite" : String.join("+", on);
    }
}
