package io.github.mssqlk8s.resources;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.api.SqlServerSpec;
import io.github.mssqlk8s.config.LeaseSettings;
import io.github.mssqlk8s.naming.EnvironmentVariables;
import io.github.mssqlk8s.naming.Volumes;
import java.util.ArrayList;
import java.util.List;

/** The settings every agent container gets: who it is, the resource's timeouts, and the lease timing. */
public final class AgentEnvironment {

    private AgentEnvironment() {
    }

    public static List<EnvVar> of(SqlServer sqlServer, LeaseSettings lease) {
        SqlServerSpec spec = sqlServer.getSpec();
        List<EnvVar> env = new ArrayList<>();
        env.add(fromField(EnvironmentVariables.NAMESPACE, "metadata.namespace"));
        env.add(fromField(EnvironmentVariables.POD_NAME, "metadata.name"));
        env.add(value(EnvironmentVariables.SQL_SERVER_NAME, sqlServer.getMetadata().getName()));
        env.add(value(EnvironmentVariables.MONITOR_POLICY, spec.effectiveMonitorPolicy()));
        env.add(value(EnvironmentVariables.CONNECTION_TIMEOUT_SECONDS, spec.effectiveConnectionTimeoutSec()));
        env.add(value(EnvironmentVariables.QUERY_TIMEOUT_SECONDS, spec.effectiveQueryCommandTimeoutSec()));
        env.add(value(EnvironmentVariables.JOIN_TIMEOUT_SECONDS, spec.effectiveJoinCommandTimeoutSec()));
        env.add(value(EnvironmentVariables.TRANSIENT_DB_HEALTH_TIMEOUT_SECONDS, spec.effectiveTransientDBHealthTimeoutSec()));
        env.add(value(EnvironmentVariables.LEASE_DURATION_SECONDS, lease.leaseDurationSeconds()));
        env.add(value(EnvironmentVariables.RENEW_DEADLINE_SECONDS, lease.effectiveRenewDeadlineSeconds()));
        env.add(value(EnvironmentVariables.RETRY_PERIOD_SECONDS, lease.effectiveRetryPeriodSeconds()));
        env.add(value(EnvironmentVariables.ACQUIRE_PERIOD_SECONDS, lease.acquirePeriodSeconds()));
        env.add(value(EnvironmentVariables.MONITOR_PERIOD_SECONDS, lease.monitorPeriodSeconds()));
        env.add(value(EnvironmentVariables.SQL_WRITE_LEASE_PERIOD_SECONDS, lease.effectiveSqlWriteLeasePeriodSeconds()));
        env.add(value(EnvironmentVariables.AGENT_LOGIN_PATH, Volumes.AGENT_LOGIN_PATH));
        return env;
    }

    static EnvVar value(String name, Object value) {
        return new EnvVarBuilder().withName(name).withValue(String.valueOf(value)).build();
    }

    static EnvVar fromField(String name, String fieldPath) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withFieldPath(fieldPath)
                .endFieldRef().endValueFrom().build();
    }

    static EnvVar fromSecret(String name, String secretName, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                .withName(secretName).withKey(key).endSecretKeyRef().endValueFrom().build();
    }
}
