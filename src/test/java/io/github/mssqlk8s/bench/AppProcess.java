package io.github.mssqlk8s.bench;

import io.github.mssqlk8s.testing.LoggedProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application started as a process of its own, so that its resident memory and start-up time are
 * its own and not the benchmark's. Its output goes to a log file under {@code target/bench}.
 */
final class AppProcess implements AutoCloseable {

    static final Path JAR = LoggedProcess.APPLICATION_JAR;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final LoggedProcess launched;
    private final Process process;
    private final long startedNanos;
    private final Path log;
    private final int httpPort;

    private AppProcess(LoggedProcess launched, long startedNanos, int httpPort) {
        this.launched = launched;
        this.process = launched.process();
        this.startedNanos = startedNanos;
        this.log = launched.log();
        this.httpPort = httpPort;
    }

    /** Starts {@code java <jvmOptions> -jar quarkus-run.jar <mode>} with the given environment and a free HTTP port. */
    static AppProcess start(String mode, List<String> jvmOptions, Map<String, String> environment, Path log)
            throws IOException {
        return start(JAR, mode, jvmOptions, environment, log);
    }

    /** As {@link #start(String, List, Map, Path)}, from another build of the application. */
    static AppProcess start(Path jar, String mode, List<String> jvmOptions, Map<String, String> environment, Path log)
            throws IOException {
        int httpPort = freePort();
        Map<String, String> withPort = new java.util.HashMap<>(environment);
        withPort.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        long started = System.nanoTime();
        return new AppProcess(LoggedProcess.start(LoggedProcess.javaJar(jvmOptions, jar, List.of(mode)), withPort, log),
                started, httpPort);
    }

    long pid() {
        return process.pid();
    }

    /** VmRSS of the process in KiB, from /proc (Linux). */
    long residentKib() {
        return ProcessMemory.residentKib(process.pid());
    }

    double cpuSeconds() {
        return ProcessMemory.cpuSeconds(process.pid());
    }

    /**
     * Waits until {@code path} answers (any status when {@code status} is negative) and returns the time since
     * the process was started.
     */
    Duration awaitHttp(String path, int status, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.info().command().orElse("the application")
                        + " exited with " + process.exitValue() + "; see " + log);
            }
            int answered = get(path);
            if (answered > 0 && (status < 0 || answered == status)) {
                return Duration.ofNanos(System.nanoTime() - startedNanos);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new IllegalStateException(path + " did not answer " + (status < 0 ? "" : status + " ") + "within "
                + patience.toSeconds() + " s; see " + log);
    }

    /** GET on the application's HTTP port; the status, or -1 when it did not answer. */
    int get(String path) {
        return send(path, HttpResponse.BodyHandlers.discarding()).map(HttpResponse::statusCode).orElse(-1);
    }

    /** GET on the application's HTTP port; the body, or empty when it did not answer. */
    String body(String path) {
        return send(path, HttpResponse.BodyHandlers.ofString()).map(HttpResponse::body).orElse("");
    }

    private <T> Optional<HttpResponse<T>> send(String path, HttpResponse.BodyHandler<T> handler) {
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), handler));
        } catch (IOException failed) {
            return Optional.empty();
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Waits until the process's output holds {@code text} (a child's lines come out in its supervisor's). */
    void awaitOutput(String text, Duration patience) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!Files.readString(log).contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("no '" + text + "' in the output within " + patience.toSeconds() + " s; see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** The one process this one started (the supervisor's child), once it has started it. */
    ProcessHandle awaitChild(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> children = process.children().toList();
            if (children.size() > 1) {
                throw new IllegalStateException("expected one child process, found " + children.size());
            }
            if (children.size() == 1) {
                return children.get(0);
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        throw new IllegalStateException("no child process within " + patience.toSeconds() + " s; see " + log);
    }

    @Override
    public void close() {
        launched.stop(15);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
