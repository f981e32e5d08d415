package io.github.mssqlk8s.naming;

/** Ports inside the SQL Server pod. */
public final class Ports {

    public static final int SQL = 1433;
    public static final int HADR_ENDPOINT = 5022;
    /** The health agent's HTTP server; the mssql-server container's probes point here. */
    public static final int HEALTH_AGENT = 8080;
    /** The AG agent supervisor's HTTP server: its health, and {@code /q/metrics} for itself and all its ag-agents. */
    public static final int AG_AGENT_SUPERVISOR = 8081;

    private Ports() {
    }
}
