package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Injected misbehaviour of one instance that is not a state change (those live on the instance). */
final class Faults {

    volatile Duration responseDelay = Duration.ZERO;
    /** How long a batch waits, once received, before it starts executing (queueing, CPU starvation). */
    volatile Duration executionDelay = Duration.ZERO;
    final Map<String, Integer> componentStates = new ConcurrentHashMap<>();
    private int failuresLeft;
    private int failureNumber;

    synchronized void failNext(int statements, int errorNumber) {
        failuresLeft = statements;
        failureNumber = errorNumber;
    }

    /** The injected error for the statement about to run, or null. */
    synchronized SimSqlException takeInjectedFailure() {
        if (failuresLeft <= 0) {
            return null;
        }
        failuresLeft--;
        return Errors.of(failureNumber, 16, "[simulator] injected failure " + failureNumber + ".");
    }
}
