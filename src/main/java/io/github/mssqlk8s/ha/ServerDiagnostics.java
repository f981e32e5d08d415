package io.github.mssqlk8s.ha;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One result set of {@code sp_server_diagnostics}: the state of each component. {@code ioSubsystem}
 * and {@code events} are informational only (contract §4).
 */
public record ServerDiagnostics(
        ComponentState system,
        ComponentState resource,
        ComponentState queryProcessing,
        ComponentState ioSubsystem,
        ComponentState events) {

    public ServerDiagnostics {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(queryProcessing, "queryProcessing");
        Objects.requireNonNull(ioSubsystem, "ioSubsystem");
        Objects.requireNonNull(events, "events");
    }

    public static ServerDiagnostics allClean() {
        return new ServerDiagnostics(ComponentState.CLEAN, ComponentState.CLEAN, ComponentState.CLEAN,
                ComponentState.CLEAN, ComponentState.CLEAN);
    }

    /** The most severe failure condition these components show, from level 3 up, or null. */
    FailureCondition worstCondition() {
        if (system == ComponentState.ERROR) {
            return FailureCondition.SYSTEM_ERROR;
        }
        if (resource == ComponentState.ERROR) {
            return FailureCondition.RESOURCE_ERROR;
        }
        if (queryProcessing == ComponentState.ERROR) {
            return FailureCondition.QUERY_PROCESSING_ERROR;
        }
        return null;
    }

    /** Names of components in warning or error, for reasons; empty when all are clean or unknown. */
    List<String> notableComponents() {
        List<String> notable = new ArrayList<>();
        addIfNotable(notable, "system", system);
        addIfNotable(notable, "resource", resource);
        addIfNotable(notable, "query_processing", queryProcessing);
        addIfNotable(notable, "io_subsystem", ioSubsystem);
        addIfNotable(notable, "events", events);
        return notable;
    }

    private static void addIfNotable(List<String> notable, String name, ComponentState state) {
        if (state == ComponentState.WARNING || state == ComponentState.ERROR) {
            notable.add(name + " " + state.name().toLowerCase(Locale.ROOT));
        }
    }
}
