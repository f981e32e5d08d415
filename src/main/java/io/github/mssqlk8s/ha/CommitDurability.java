package io.github.mssqlk8s.ha;

/**
 * REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT (contract §6): ⌊nSync/2⌋ where nSync counts the
 * synchronous-commit <em>secondaries</em>; an override wins. With the majority quorum of
 * {@link PromotionQuorum}, every set of reporting secondaries then includes one holding each commit.
 *
 * <p>The contract's "exactly two synchronous replicas → 0" needs no branch here: one secondary gives
 * ⌊1/2⌋ = 0 already (with 1 the primary would stop whenever its only partner is away). Note that SQL
 * Server's Pacemaker agent divides the number of synchronous replicas <em>including</em> the primary;
 * the two readings differ for four synchronous replicas (1 here, 2 there).
 */
public final class CommitDurability {

    private CommitDurability() {
    }

    /**
     * @param synchronousReplicas synchronous-commit replicas in the AG, the primary included
     * @param override            the per-AG override, null when none
     */
    public static int requiredSynchronizedSecondaries(int synchronousReplicas, Integer override) {
        if (synchronousReplicas < 0) {
            throw new IllegalArgumentException("synchronousReplicas must not be negative");
        }
        if (override != null) {
            if (override < 0) {
                throw new IllegalArgumentException("the RSSTC override must not be negative, got " + override);
            }
            return override;
        }
        int synchronousSecondaries = Math.max(0, synchronousReplicas - 1);
        return synchronousSecondaries / 2;
    }
}
