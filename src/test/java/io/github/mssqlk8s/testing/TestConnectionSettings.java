package io.github.mssqlk8s.testing;

import io.github.mssqlk8s.config.InstanceConnectionSettings;

/** Connection settings for an agent under test: a simulated instance on loopback, short timeouts, no grace. */
public record TestConnectionSettings(int sqlPort, String agentLoginPath, int monitorPolicy, int healthCheckTimeoutSeconds,
        int connectionTimeoutSeconds) implements InstanceConnectionSettings {

    @Override
    public String sqlHost() {
        return "127.0.0.1";
    }

    @Override
    public String sqlEncrypt() {
        return "false";
    }

    @Override
    public boolean sqlTrustServerCertificate() {
        return false;
    }

    /** The health agent never logs in as sa. */
    @Override
    public String saPasswordFile() {
        return "";
    }

    @Override
    public int queryTimeoutSeconds() {
        return 5;
    }

    @Override
    public int transientDbHealthTimeoutSeconds() {
        return 2;
    }

    @Override
    public int startupGraceSeconds() {
        return 0;
    }

    @Override
    public int databaseCheckIntervalSeconds() {
        return 1;
    }
}
