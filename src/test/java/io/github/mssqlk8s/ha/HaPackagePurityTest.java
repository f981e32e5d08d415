package io.github.mssqlk8s.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The import rule of docs/design.md for this package: decisions import the JDK only (no Quarkus, fabric8, JDBC). */
class HaPackagePurityTest {

    private static final Path SOURCES = Path.of("src/main/java/io/github/mssqlk8s/ha");

    @Test
    void importsNothingButTheJdk() throws IOException {
        List<String> foreign;
        try (Stream<Path> files = Files.list(SOURCES)) {
            foreign = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(HaPackagePurityTest::lines)
                    .filter(line -> line.startsWith("import "))
                    .filter(line -> !line.matches("import (static )?java\\.(time|util)(\\.[\\w.]+)?\\.\\w+;"))
                    .toList();
        }

        assertThat(SOURCES).isDirectory();
        assertThat(foreign).as("imports outside java.time / java.util in package ha").isEmpty();
    }

    @Test
    void readsNoClockAndNoEnvironment() throws IOException {
        List<String> impure;
        try (Stream<Path> files = Files.list(SOURCES)) {
            impure = files.flatMap(HaPackagePurityTest::lines)
                    .filter(line -> line.contains("Instant.now(") || line.contains("System.getenv")
                            || line.contains("System.currentTimeMillis") || line.contains("Clock."))
                    .toList();
        }

        assertThat(impure).isEmpty();
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::trim);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
