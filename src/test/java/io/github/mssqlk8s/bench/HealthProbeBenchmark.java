package io.github.mssqlk8s.bench;

import io.github.mssqlk8s.sim.engine.SimulatedInstance;
import io.github.mssqlk8s.testing.SqlServerSimulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probe latency and SQL load of the health agent, measured on the packaged application (a real process, real
 * HTTP) against a simulated SQL Server on loopback that keeps SQL Server's real diagnostics timing.
 *
 * <p>Run: {@code scripts/bench-health-probes [rate-per-second] [seconds]}. Prints a table; not a test.
 */
public final class HealthProbeBenchmark {

    private static final String INSTANCE = "mssql1-0";
    private static final String LOGIN = "mssql_k8s_agent";
    private static final String PASSWORD = "Bench-Passw0rd-1";
    private static final String[] PROBES = {"/q/health/live", "/q/health/ready", "/q/health/started"};

    private HealthProbeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the application first: ./mvnw -B -DskipTests package");
        }
        try (SqlServerSimulator simulator = new SqlServerSimulator()) {
            SimulatedInstance sql = simulator.start(INSTANCE, 1.0);
            simulator.execAsSa(INSTANCE, "CREATE LOGIN [" + LOGIN + "] WITH PASSWORD = N'" + PASSWORD + "';"
                    + " GRANT VIEW SERVER STATE TO [" + LOGIN + "]; CREATE DATABASE [appdb]");
            Path logins = SqlServerSimulator.writeLoginFiles(Files.createTempDirectory("bench-login"), LOGIN, PASSWORD);
            int httpPort = freePort();
            Process agent = startAgent(jar, simulator.port(INSTANCE), logins, httpPort);
            try {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                String base = "http://127.0.0.1:" + httpPort;
                awaitReady(http, base, agent);
                // Warm the JIT and the HTTP stack; these probes are not measured.
                for (int i = 0; i < 200; i++) {
                    probe(http, base + PROBES[i % PROBES.length]);
                }
                int statementsBefore = sql.statementLog().size();
                Result result = drive(http, base, rate, seconds);
                int statements = sql.statementLog().size() - statementsBefore;
                print(rate, seconds, result, statements);
            } finally {
                agent.destroy();
                agent.waitFor(10, TimeUnit.SECONDS);
            }
        }
        System.exit(0);
    }

    private record Result(List<Long> latenciesNanos, int failures) {
    }

    private static Result drive(HttpClient http, String base, int rate, int seconds) throws InterruptedException {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService ticker = Executors.newScheduledThreadPool(4);
        long periodNanos = 1_000_000_000L / rate;
        ticker.scheduleAtFixedRate(() -> {
            String path = PROBES[sent.getAndIncrement() % PROBES.length];
            long start = System.nanoTime();
            int status = probe(http, base + path);
            latencies.add(System.nanoTime() - start);
            if (status != 200) {
                failures.incrementAndGet();
            }
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        ticker.awaitTermination(seconds, TimeUnit.SECONDS);
        ticker.shutdownNow();
        ticker.awaitTermination(10, TimeUnit.SECONDS);
        return new Result(new ArrayList<>(latencies), failures.get());
    }

    private static void print(int rate, int seconds, Result result, int statements) {
        List<Long> sorted = new ArrayList<>(result.latenciesNanos());
        Collections.sort(sorted);
        System.out.println();
        System.out.println("Health agent probes (packaged application, simulated SQL Server at real timing)");
        System.out.println("| probes | rate/s | seconds | p50 ms | p90 ms | p99 ms | max ms | non-200 | SQL statements | statements/min |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %.2f | %.2f | %.2f | %.2f | %d | %d | %.1f |%n",
                sorted.size(), rate, seconds, millis(sorted, 0.50), millis(sorted, 0.90), millis(sorted, 0.99),
                millis(sorted, 1.0), result.failures(), statements, statements * 60.0 / seconds);
        System.out.println("(a statement per probe would be " + rate * 60 + "/min)");
    }

    private static double millis(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1_000_000.0;
    }

    private static int probe(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException failed) {
            return -1;
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Process startAgent(Path jar, int sqlPort, Path logins, int httpPort) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-jar", jar.toString(), "health-agent");
        builder.environment().putAll(Map.of(
                "MSSQL_K8S_SQL_HOST", "127.0.0.1",
                "MSSQL_K8S_SQL_PORT", Integer.toString(sqlPort),
                "MSSQL_K8S_SQL_ENCRYPT", "false",
                "MSSQL_K8S_SQL_TRUST_SERVER_CERTIFICATE", "false",
                "MSSQL_K8S_AGENT_LOGIN_PATH", logins.toString(),
                "MSSQL_K8S_STARTUP_GRACE_SECONDS", "0",
                "QUARKUS_HTTP_PORT", Integer.toString(httpPort)));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/bench-health-agent.log").toFile()));
        return builder.start();
    }

    private static void awaitReady(HttpClient http, String base, Process agent) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!agent.isAlive()) {
                throw new IllegalStateException("the health agent exited; see target/bench-health-agent.log");
            }
            if (probe(http, base + "/q/health/ready") == 200) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("the health agent did not become ready in 60 s; see target/bench-health-agent.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
