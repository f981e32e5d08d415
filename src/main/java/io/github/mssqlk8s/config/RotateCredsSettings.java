package io.github.mssqlk8s.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * The rotate-creds Job's environment (contract §3), with the preview's older names as fallbacks:
 * {@code MSSQL_K8S_SQL_SERVER_NAME} (or {@code MSSQL_K8S_STATEFULSET_NAME}), {@code MSSQL_K8S_NAMESPACE},
 * {@code MSSQL_ROTATE_CERT}, {@code MSSQL_K8S_MASTER_KEY_PASSWORD}, {@code MSSQL_K8S_CURRENT_SA_PASSWORD} (or
 * {@code MSSQL_K8S_SA_PASSWORD}) and {@code MSSQL_K8S_NEW_SA_PASSWORD}.
 */
@ConfigMapping(prefix = "mssql")
public interface RotateCredsSettings {

    @WithName("k8s.sql-server-name")
    Optional<String> sqlServerName();

    @WithName("k8s.statefulset-name")
    Optional<String> statefulsetName();

    @WithName("k8s.namespace")
    Optional<String> namespace();

    @WithName("rotate-cert")
    @WithDefault("false")
    boolean rotateCert();

    @WithName("k8s.master-key-password")
    Optional<String> masterKeyPassword();

    @WithName("k8s.current-sa-password")
    Optional<String> currentSaPassword();

    @WithName("k8s.sa-password")
    Optional<String> saPassword();

    @WithName("k8s.new-sa-password")
    Optional<String> newSaPassword();

    default Optional<String> effectiveSqlServerName() {
        return sqlServerName().or(this::statefulsetName).filter(name -> !name.isBlank());
    }

    default Optional<String> effectiveCurrentSaPassword() {
        return currentSaPassword().or(this::saPassword).filter(password -> !password.isEmpty());
    }
}
