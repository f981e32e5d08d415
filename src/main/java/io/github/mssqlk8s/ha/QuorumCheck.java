package io.github.mssqlk8s.ha;

/**
 * The promotion quorum as counted at one tick.
 *
 * @param members         n: synchronous-commit and configuration-only members
 * @param needed          ⌊n/2⌋+1
 * @param reported        how many of them reported a sequence number since the primary was lost
 * @param highestSequence the highest sequence number among all those reports (any mode), null if none
 * @param reason          one sentence
 */
public record QuorumCheck(int members, int needed, int reported, Long highestSequence, String reason) {

    public boolean reached() {
        return members > 0 && reported >= needed;
    }
}
