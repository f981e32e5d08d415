package io.github.mssqlk8s.ha;

/**
 * What a forced failover may have lost, said plainly from the reports taken before it: the gap in AG sequence
 * numbers between the last primary and the target, and the target's databases that were not synchronized.
 * Sequence numbers count configuration changes, not transactions, so this is an indication, not a measure.
 */
public final class DataLossEstimate {

    private DataLossEstimate() {
    }

    /**
     * @param target      the forced target's report before the request
     * @param lastPrimary the report of the replica that was last primary, null when none was known
     */
    public static String describe(ReplicaReport target, ReplicaReport lastPrimary) {
        StringBuilder text = new StringBuilder("forced failover: data may have been lost. ");
        String unsynchronized = target.firstUnsynchronized();
        text.append(target.name()).append(unsynchronized == null ? " had all databases synchronized"
                : " was not synchronized (" + unsynchronized + ")");
        text.append(", sequence number ").append(orUnknown(target.sequenceNumber()));
        if (lastPrimary == null) {
            text.append("; no primary was reporting, so nothing shows how far behind it was");
        } else {
            text.append("; the last primary ").append(lastPrimary.name()).append(" had sequence number ")
                    .append(orUnknown(lastPrimary.sequenceNumber()));
            if (target.sequenceNumber() != null && lastPrimary.sequenceNumber() != null) {
                long behind = lastPrimary.sequenceNumber() - target.sequenceNumber();
                text.append(behind > 0 ? " (" + target.name() + " had missed " + behind + " configuration change"
                        + (behind == 1 ? "" : "s") + ")" : " (no configuration change missed)");
            }
        }
        return text.append(". Transactions committed on the old primary after the target's last hardened log are lost;"
                + " check recent writes").toString();
    }

    private static String orUnknown(Long sequenceNumber) {
        return sequenceNumber == null ? "unknown" : sequenceNumber.toString();
    }
}
