package io.github.mssqlk8s.agent.ag;

import io.github.mssqlk8s.ha.HealthVerdict;

/** The health agent's current verdict on the local instance. Never throws: unknown is a verdict too. */
@FunctionalInterface
public interface HealthVerdictSource {

    HealthVerdict verdict();
}
