package io.github.mssqlk8s.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/**
 * The init-sql Job's own settings. The passwords come from the Secret references the operator puts on the Job
 * ({@code MSSQL_K8S_SA_PASSWORD}, {@code MSSQL_K8S_MASTER_KEY_PASSWORD}); where and how to connect is
 * {@link InstanceConnectionSettings}.
 */
@ConfigMapping(prefix = "mssql.k8s")
public interface InitSqlSettings {

    Optional<String> saPassword();

    Optional<String> masterKeyPassword();

    /** How long to wait for SQL Server to accept sa before giving up. */
    @WithName("init-sql.wait-timeout")
    @WithDefault("5m")
    Duration waitTimeout();

    /** How often a waiting Job says it is still waiting. */
    @WithName("init-sql.progress-interval")
    @WithDefault("5s")
    Duration progressInterval();
}
