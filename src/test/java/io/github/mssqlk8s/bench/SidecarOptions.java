package io.github.mssqlk8s.bench;

import io.github.mssqlk8s.resources.SidecarJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agents' JVM options as the pods get them ({@link SidecarJvm}), with a class-data-sharing archive made here
 * the way the image makes its own: one start of the application on this JVM.
 */
final class SidecarOptions {

    private SidecarOptions() {
    }

    static List<String> recommended(Path out) throws IOException, InterruptedException {
        return SidecarJvm.options(cdsArchive(out).toString());
    }

    /** The sidecar options before issue 15 (session 5), for the benchmark's before/after. */
    static List<String> former(Path out) throws IOException, InterruptedException {
        return List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx96m", "-XX:+ExitOnOutOfMemoryError",
                "-XX:SharedArchiveFile=" + cdsArchive(out), "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
    }

    /** Made once per build of the application; an archive only fits the JVM and the jars that wrote it. */
    static Path cdsArchive(Path out) throws IOException, InterruptedException {
        Path archive = out.resolve("app-cds.jsa").toAbsolutePath();
        if (Files.exists(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(AppProcess.JAR)) > 0) {
            return archive;
        }
        Files.createDirectories(out);
        Files.deleteIfExists(archive);
        Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-jar", AppProcess.JAR.toString(), "version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!dump.waitFor(60, TimeUnit.SECONDS) || dump.exitValue() != 0 || !Files.exists(archive)) {
            throw new IllegalStateException("could not write the class-data-sharing archive " + archive);
        }
        return archive;
    }
}
