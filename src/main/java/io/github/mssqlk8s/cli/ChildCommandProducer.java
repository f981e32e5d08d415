package io.github.mssqlk8s.cli;

import io.github.mssqlk8s.agent.ag.ChildCommand;
import io.github.mssqlk8s.config.SupervisorSettings;
import io.github.mssqlk8s.naming.EnvironmentVariables;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Wires the supervisor's children: the configured command, told its AG through {@code MSSQL_K8S_AVAILABILITY_GROUP}
 * and where to serve its metrics through Quarkus's own {@code QUARKUS_HTTP_HOST} and {@code QUARKUS_HTTP_PORT}.
 */
public class ChildCommandProducer {

    @Produces
    @Singleton
    ChildCommand childCommand(SupervisorSettings settings) {
        return new ChildCommand(settings.childCommand(), EnvironmentVariables.AVAILABILITY_GROUP,
                EnvironmentVariables.QUARKUS_HTTP_HOST, EnvironmentVariables.QUARKUS_HTTP_PORT);
    }
}
