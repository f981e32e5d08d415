package io.github.mssqlk8s.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rotate-creds Job reads the preview's environment (contract §3), older names included. */
class RotateCredsSettingsTest {

    private static RotateCredsSettings fromEnvironment(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                .withMapping(RotateCredsSettings.class)
                .build();
        return config.getConfigMapping(RotateCredsSettings.class);
    }

    @Test
    void readsTheContractsVariables() {
        RotateCredsSettings settings = fromEnvironment(Map.of(
                "MSSQL_K8S_SQL_SERVER_NAME", "mssql1", "MSSQL_K8S_NAMESPACE", "ag1", "MSSQL_ROTATE_CERT", "true",
                "MSSQL_K8S_MASTER_KEY_PASSWORD", "mk", "MSSQL_K8S_CURRENT_SA_PASSWORD", "current",
                "MSSQL_K8S_NEW_SA_PASSWORD", "new"));

        assertThat(settings.effectiveSqlServerName()).contains("mssql1");
        assertThat(settings.namespace()).contains("ag1");
        assertThat(settings.rotateCert()).isTrue();
        assertThat(settings.masterKeyPassword()).contains("mk");
        assertThat(settings.effectiveCurrentSaPassword()).contains("current");
        assertThat(settings.newSaPassword()).contains("new");
    }

    @Test
    void fallsBackToThePreviewsOlderNames() {
        RotateCredsSettings settings = fromEnvironment(Map.of(
                "MSSQL_K8S_STATEFULSET_NAME", "mssql2", "MSSQL_K8S_SA_PASSWORD", "older"));

        assertThat(settings.effectiveSqlServerName()).contains("mssql2");
        assertThat(settings.effectiveCurrentSaPassword()).contains("older");
        assertThat(settings.rotateCert()).isFalse();
    }
}
