package io.github.mssqlk8s.ha;

/**
 * REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT (contract §6): ⌊nSync/2⌋ where nSync counts the
 * synchronous-commit secondaries, so that a majority of the synchronous replicas holds every commit
 * and an up-to-date one survives any minority loss. Exactly two synchronous replicas get 0: with 1, the
 * primary would stop accepting writes whenever its only partner is away. An override wins.
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
        if (synchronousReplicas == 2) {
            return 0;
        }
        int synchronousSecondaries = Math.max(0, synchronousReplicas - 1);
        return synchronousSecondaries / 2;
    }
}
