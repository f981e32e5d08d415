package io.github.mssqlk8s.cli;

import io.github.mssqlk8s.naming.Mode;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The image's launcher script and Dockerfiles, checked against the mode table. */
class LauncherScriptTest {

    private static final Path LAUNCHER = Path.of("src/main/docker/mssql-k8s-agents").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void aLegacyLinkPassesItsNameAndTheArgumentsToTheJvm() throws Exception {
        Path fakeJava = dir.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\necho \"$MSSQL_K8S_INVOKED_AS|$*\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path legacyLink = Files.createSymbolicLink(dir.resolve("mssql-server-k8s-failover"), LAUNCHER);

        String output = run(legacyLink, Map.of("JAVA_CMD", fakeJava.toString(), "JAVA_OPTS", "-Xmx64m -Dx=y",
                "MSSQL_K8S_APP_JAR", "/app/quarkus-run.jar"), "--verbose");

        assertThat(output).isEqualTo(legacyLink + "|-Xmx64m -Dx=y -jar /app/quarkus-run.jar --verbose");
        String invokedAs = output.substring(0, output.indexOf('|'));
        assertThat(ModeSelection.argumentsFor(new String[] {"--verbose"}, invokedAs)).containsExactly("failover", "--verbose");
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/main/docker/Dockerfile.jvm", "src/main/docker/Dockerfile.native-micro"})
    void everyDockerfileLinksEveryLegacyPath(String dockerfile) throws IOException {
        String text = Files.readString(Path.of(dockerfile));
        for (Mode mode : Mode.values()) {
            for (String executable : mode.legacyExecutables()) {
                assertThat(text).as(dockerfile).containsPattern("\\b" + executable + "\\b");
            }
        }
    }

    private String run(Path executable, Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(executable.toString());
        builder.command().addAll(List.of(args));
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
