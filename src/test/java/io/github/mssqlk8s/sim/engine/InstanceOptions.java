package io.github.mssqlk8s.sim.engine;

import java.util.function.LongSupplier;

/** How to create a simulated instance. */
public final class InstanceOptions {

    String saPassword = "Sim-Passw0rd!";
    boolean hadrEnabled = true;
    /** Multiplies sp_server_diagnostics' repeat interval (tests use e.g. 0.01 for 5 s → 50 ms). */
    double diagnosticsSecondsScale = 1.0;
    LongSupplier nanoTime = System::nanoTime;
    /** Overrides every replica's SESSION_TIMEOUT (how long a commit waits for a silent synchronous secondary). */
    java.time.Duration sessionTimeout;
    /** {@code SERVERPROPERTY('ProductVersion')} at start; a restart on a new image may change it. */
    String productVersion = Functions.PRODUCT_VERSION;

    public static InstanceOptions withSaPassword(String password) {
        InstanceOptions o = new InstanceOptions();
        o.saPassword = password;
        return o;
    }

    public InstanceOptions hadrEnabled(boolean enabled) {
        this.hadrEnabled = enabled;
        return this;
    }

    public InstanceOptions diagnosticsSecondsScale(double scale) {
        this.diagnosticsSecondsScale = scale;
        return this;
    }

    public InstanceOptions sessionTimeout(java.time.Duration timeout) {
        this.sessionTimeout = timeout;
        return this;
    }

    public InstanceOptions productVersion(String version) {
        this.productVersion = version;
        return this;
    }

    /** The instance's clock (write lease, log record ages); tests may skew it. */
    public InstanceOptions nanoTime(LongSupplier clock) {
        this.nanoTime = clock;
        return this;
    }
}
