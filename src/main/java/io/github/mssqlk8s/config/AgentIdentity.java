package io.github.mssqlk8s.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Who an agent is, from the variables the operator sets on its container: {@code MSSQL_K8S_NAMESPACE},
 * {@code MSSQL_K8S_SQL_SERVER_NAME}, {@code MSSQL_K8S_POD_NAME}. Optional here, because every mode reads the
 * mapping; the modes that need a value say so in one line when it is missing.
 */
@ConfigMapping(prefix = "mssql.k8s")
public interface AgentIdentity {

    /** Absent: the namespace of the pod's service account (the Kubernetes client's). */
    Optional<String> namespace();

    Optional<String> sqlServerName();

    Optional<String> podName();
}
