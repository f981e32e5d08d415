package io.github.mssqlk8s.cli;

import io.github.mssqlk8s.naming.Mode;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Chooses the mode before Quarkus starts, so that the mode's {@code %mode.} configuration profile applies.
 * Precedence: an explicit subcommand, then the legacy executable the process was started as, then
 * {@code QUARKUS_PROFILE} (handled after start-up by {@link RootCommand}).
 */
final class ModeSelection {

    private ModeSelection() {
    }

    /**
     * The arguments with the mode of a legacy executable put in front, when the process was started through
     * one of the preview's paths and named no mode itself.
     */
    static String[] argumentsFor(String[] args, String invokedAs) {
        if (args.length > 0 && Mode.named(args[0]).isPresent()) {
            return args;
        }
        return Mode.ofExecutable(invokedAs)
                .map(mode -> Stream.concat(Stream.of(mode.modeName()), Arrays.stream(args)).toArray(String[]::new))
                .orElse(args);
    }

    /** The Quarkus profile the arguments ask for: the mode named first, if any. */
    static Optional<String> profileFor(String[] args) {
        return args.length == 0 ? Optional.empty() : Mode.named(args[0]).map(Mode::modeName);
    }
}
