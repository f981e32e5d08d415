package io.github.mssqlk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/install-kubectl-plugin} and the {@code kubectl-mssql} launcher it installs, with a fake JVM. */
class KubectlPluginScriptTest {

    @TempDir
    Path dir;

    @Test
    void theInstalledPluginRunsTheInstalledApplicationInCliMode() throws Exception {
        Path app = Files.createDirectories(dir.resolve("quarkus-app"));
        Files.writeString(app.resolve("quarkus-run.jar"), "not really a jar");
        Path prefix = dir.resolve("prefix");
        Path fakeJava = dir.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\necho \"$*\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));

        String installed = run(List.of(Path.of("scripts/install-kubectl-plugin").toAbsolutePath().toString(), prefix.toString()),
                Map.of("MSSQL_K8S_APP_DIR", app.toString()));
        String ran = run(List.of(prefix.resolve("bin/kubectl-mssql").toString(), "status", "-o", "json"),
                Map.of("JAVA_CMD", fakeJava.toString()));

        assertThat(installed).startsWith("installed " + prefix.resolve("bin/kubectl-mssql"));
        assertThat(prefix.resolve("lib/mssql-k8s-agents/quarkus-run.jar")).hasContent("not really a jar");
        assertThat(ran).isEqualTo("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "
                + prefix.resolve("bin/../lib/mssql-k8s-agents/quarkus-run.jar") + " cli status -o json");
    }

    @Test
    void withoutAPackagedApplicationTheLauncherSaysWhatToDo() throws Exception {
        Path launcher = Files.copy(Path.of("scripts/kubectl-mssql"), dir.resolve("kubectl-mssql"));
        Process process = new ProcessBuilder(launcher.toString(), "status").redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("kubectl-mssql: ").contains("not found; run ./mvnw -B -DskipTests package");
    }

    private static String run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
