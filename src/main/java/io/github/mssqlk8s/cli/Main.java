package io.github.mssqlk8s.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Entry point of every mode: picks the mode's profile, then hands the arguments to picocli. */
@QuarkusMain
public class Main {

    /** Set by the image's launcher script to the name it was started as (a legacy path is a link to it). */
    static final String INVOKED_AS_VARIABLE = "MSSQL_K8S_INVOKED_AS";

    public static void main(String... args) {
        String[] effective = ModeSelection.argumentsFor(args, invokedAs());
        ModeSelection.profileFor(effective).ifPresent(profile -> System.setProperty("quarkus.profile", profile));
        Quarkus.run(ModeApplication.class, effective);
    }

    /** The launcher's variable in JVM mode; a native executable reads its own argv[0]. */
    private static String invokedAs() {
        String fromLauncher = System.getenv(INVOKED_AS_VARIABLE);
        if (fromLauncher != null && !fromLauncher.isBlank()) {
            return fromLauncher;
        }
        try {
            byte[] commandLine = Files.readAllBytes(Path.of("/proc/self/cmdline"));
            int end = 0;
            while (end < commandLine.length && commandLine[end] != 0) {
                end++;
            }
            return new String(commandLine, 0, end, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException notLinux) {
            return null;
        }
    }
}
