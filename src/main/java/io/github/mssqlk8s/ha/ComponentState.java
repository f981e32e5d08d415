package io.github.mssqlk8s.ha;

import java.util.Locale;

/** The {@code state_desc} of one {@code sp_server_diagnostics} component. */
public enum ComponentState {
    CLEAN, WARNING, ERROR, UNKNOWN;

    /** Parses {@code clean}, {@code warning}, {@code error}; anything else is UNKNOWN (never a failure). */
    public static ComponentState parse(String stateDesc) {
        if (stateDesc == null) {
            return UNKNOWN;
        }
        return switch (stateDesc.trim().toLowerCase(Locale.ROOT)) {
            case "clean" -> CLEAN;
            case "warning" -> WARNING;
            case "error" -> ERROR;
            default -> UNKNOWN;
        };
    }
}
