package io.github.mssqlk8s.ha;

/** The outcome of a health judgement. */
public enum HealthStatus {
    /** Fine, or a condition the monitor policy ignores. */
    HEALTHY,
    /** A failing condition seen during the start-up grace: the instance is starting or recovering. */
    STARTING,
    /** A condition the monitor policy fails on, past the start-up grace: a failover trigger. */
    FAILED,
    /** Nothing known yet (no observation or no report). Never a failover trigger by itself. */
    UNKNOWN
}
