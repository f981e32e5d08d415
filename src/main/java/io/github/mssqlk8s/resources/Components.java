package io.github.mssqlk8s.resources;

/** Values of the {@code app.kubernetes.io/component} label. */
public final class Components {

    public static final String DATABASE = "database";
    public static final String AGENTS = "agents";
    public static final String INIT_SQL = "init-sql";
    public static final String ROTATE_CREDS = "rotate-creds";
    public static final String ROUTING = "routing";
    public static final String DISRUPTION_BUDGET = "disruption-budget";

    private Components() {
    }
}
