package io.github.mssqlk8s.naming;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The roles one image plays. A mode's name is its picocli subcommand and its Quarkus profile; its legacy
 * executables are the paths the 2018 preview image answered to (contract §3).
 */
public enum Mode {
    OPERATOR("operator", "mssql-server-k8s-operator"),
    HEALTH_AGENT("health-agent", "mssql-server-k8s-health-agent", "mssql-server-k8s-sqlhealth-agent"),
    AG_AGENT_SUPERVISOR("ag-agent-supervisor", "mssql-server-k8s-ag-agent-supervisor"),
    AG_AGENT("ag-agent", "mssql-server-k8s-ag-agent"),
    INIT_SQL("init-sql", "mssql-server-k8s-init-sql"),
    ROTATE_CREDS("rotate-creds", "mssql-server-k8s-rotate-creds"),
    FAILOVER("failover", "mssql-server-k8s-failover"),
    /** Commands for people at a workstation ({@code kubectl mssql ...}); no preview path. */
    CLI("cli");

    private final String modeName;
    private final List<String> legacyExecutables;

    Mode(String modeName, String... legacyExecutables) {
        this.modeName = modeName;
        this.legacyExecutables = List.of(legacyExecutables);
    }

    /** The subcommand and Quarkus profile name. */
    public String modeName() {
        return modeName;
    }

    public List<String> legacyExecutables() {
        return legacyExecutables;
    }

    public static Optional<Mode> named(String name) {
        return Arrays.stream(values()).filter(mode -> mode.modeName.equals(name)).findFirst();
    }

    /** The mode a legacy executable path stands for, e.g. {@code /mssql-server-k8s-init-sql}. */
    public static Optional<Mode> ofExecutable(String path) {
        if (path == null) {
            return Optional.empty();
        }
        String file = path.substring(path.lastIndexOf('/') + 1);
        return Arrays.stream(values()).filter(mode -> mode.legacyExecutables.contains(file)).findFirst();
    }
}
