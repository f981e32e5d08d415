package io.github.mssqlk8s.chaos;

import io.github.mssqlk8s.sim.engine.EngineBehaviour;
import java.time.Duration;

/**
 * The simulated SQL Servers' behaviour a schedule runs with: each {@link EngineBehaviour} switch polite or at its
 * worst, drawn per schedule by the harsh profile; {@code writeLeaseOverstay} is the negative control's sabotage and
 * never drawn.
 */
record SqlBehaviour(boolean oldPrimaryStaysPrimary, boolean suspendAfterForcedFailover,
        boolean configurationCommitsHang, boolean replicaOwnLeaseAtFailover, Duration writeLeaseOverstay) {

    static final SqlBehaviour POLITE = new SqlBehaviour(false, false, false, false, Duration.ZERO);

    void applyTo(EngineBehaviour behaviour) {
        behaviour.oldPrimaryStaysPrimary = oldPrimaryStaysPrimary;
        behaviour.suspendAfterForcedFailover = suspendAfterForcedFailover;
        behaviour.configurationCommitsNeedSynchronousSecondary = configurationCommitsHang;
        behaviour.leaseAtFailover = replicaOwnLeaseAtFailover ? EngineBehaviour.LeaseAtFailover.REPLICA_OWN
                : EngineBehaviour.LeaseAtFailover.FRESH;
        behaviour.writeLeaseOverstay = writeLeaseOverstay;
    }

    @Override
    public String toString() {
        EngineBehaviour described = new EngineBehaviour();
        applyTo(described);
        return described.toString();
    }
}
