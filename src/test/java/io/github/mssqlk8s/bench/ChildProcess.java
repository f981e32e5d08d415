package io.github.mssqlk8s.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A supervisor's child seen from outside: its pid, when the kernel started it, and the loopback port its supervisor
 * gave it ({@code QUARKUS_HTTP_PORT} in its environment). Both clocks read here are this machine's.
 */
record ChildProcess(long pid, Instant started, int httpPort) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** Once the child runs its own command: right after the fork it is still the JDK's spawn helper. */
    static ChildProcess of(ProcessHandle child, Duration patience) throws IOException, InterruptedException {
        Instant started = child.info().startInstant()
                .orElseThrow(() -> new IllegalStateException("no start time for process " + child.pid()));
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            boolean ownCommand = child.info().command().filter(command -> command.endsWith("/java")).isPresent();
            Optional<Integer> port = ownCommand ? httpPort(child.pid()) : Optional.empty();
            if (port.isPresent()) {
                return new ChildProcess(child.pid(), started, port.get());
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        throw new IllegalStateException("child " + child.pid() + " has no QUARKUS_HTTP_PORT");
    }

    /** Waits for the first answer (any status) of {@code path} and returns its time since the child's start. */
    double awaitFirstAnswer(String path, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            try {
                HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                return millisSinceStart();
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
        throw new IllegalStateException("child " + pid + " did not answer " + path + " within " + patience.toSeconds() + " s");
    }

    double millisSinceStart() {
        return Duration.between(started, Instant.now()).toNanos() / 1e6;
    }

    private static Optional<Integer> httpPort(long pid) throws IOException {
        String environment = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
                StandardCharsets.UTF_8);
        for (String variable : environment.split("\0")) {
            if (variable.startsWith("QUARKUS_HTTP_PORT=")) {
                return Optional.of(Integer.parseInt(variable.substring("QUARKUS_HTTP_PORT=".length())));
            }
        }
        return Optional.empty();
    }
}
