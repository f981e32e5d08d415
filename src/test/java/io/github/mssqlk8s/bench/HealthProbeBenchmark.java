package io.github.mssqlk8s.bench;

import io.github.mssqlk8s.sim.engine.SimulatedInstance;
import io.github.mssqlk8s.testing.SqlServerSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probe latency and SQL load of the health agent, measured on the packaged application (a real process, real
 * HTTP, the sidecar JVM options) against a simulated SQL Server on loopback that keeps SQL Server's real
 * diagnostics timing.
 *
 * <p>Run: {@code scripts/bench health [--rate per-second] [--seconds s]}.
 */
final class HealthProbeBenchmark {

    static final String INSTANCE = "mssql1-0";
    static final String LOGIN = "mssql_k8s_agent";
    static final String PASSWORD = "Bench-Passw0rd-1";
    private static final String[] PROBES = {"/q/health/live", "/q/health/ready", "/q/health/started"};

    private HealthProbeBenchmark() {
    }

    static List<BenchTable> run(BenchOptions options, Path out) throws Exception {
        int rate = options.intSetting("rate", 20);
        int seconds = options.intSetting("seconds", 30);
        List<String> jvm = SidecarOptions.recommended(out);
        try (SqlServerSimulator simulator = new SqlServerSimulator()) {
            SimulatedInstance sql = startInstance(simulator);
            Map<String, String> environment = healthAgentEnvironment(simulator, Files.createTempDirectory("bench-login"));
            try (AppProcess agent = AppProcess.start("health-agent", jvm, environment, out.resolve("health-agent.log"))) {
                agent.awaitHttp("/q/health/ready", 200, Duration.ofSeconds(60));
                // Warm the JIT and the HTTP stack; these probes are not measured.
                for (int i = 0; i < 200; i++) {
                    agent.get(PROBES[i % PROBES.length]);
                }
                int statementsBefore = sql.statementLog().size();
                Result result = drive(agent, rate, seconds);
                int statements = sql.statementLog().size() - statementsBefore;
                return List.of(table(rate, seconds, result, statements, jvm, out));
            }
        }
    }

    /** A simulated instance with the agents' login and a user database, as init-sql would leave it. */
    static SimulatedInstance startInstance(SqlServerSimulator simulator) {
        SimulatedInstance sql = simulator.start(INSTANCE, 1.0);
        simulator.execAsSa(INSTANCE, "CREATE LOGIN [" + LOGIN + "] WITH PASSWORD = N'" + PASSWORD + "';"
                + " GRANT VIEW SERVER STATE TO [" + LOGIN + "]; CREATE DATABASE [appdb]");
        return sql;
    }

    static Map<String, String> healthAgentEnvironment(SqlServerSimulator simulator, Path loginDirectory) {
        Path logins = SqlServerSimulator.writeLoginFiles(loginDirectory, LOGIN, PASSWORD);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("MSSQL_K8S_SQL_HOST", "127.0.0.1");
        environment.put("MSSQL_K8S_SQL_PORT", Integer.toString(simulator.port(INSTANCE)));
        environment.put("MSSQL_K8S_SQL_ENCRYPT", "false");
        environment.put("MSSQL_K8S_SQL_TRUST_SERVER_CERTIFICATE", "false");
        environment.put("MSSQL_K8S_AGENT_LOGIN_PATH", logins.toString());
        environment.put("MSSQL_K8S_STARTUP_GRACE_SECONDS", "0");
        return environment;
    }

    private record Result(List<Long> latenciesNanos, int failures) {
    }

    private static Result drive(AppProcess agent, int rate, int seconds) throws InterruptedException {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService ticker = Executors.newScheduledThreadPool(4);
        long periodNanos = 1_000_000_000L / rate;
        ticker.scheduleAtFixedRate(() -> {
            String path = PROBES[sent.getAndIncrement() % PROBES.length];
            long start = System.nanoTime();
            int status = agent.get(path);
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

    private static BenchTable table(int rate, int seconds, Result result, int statements, List<String> jvm, Path out)
            throws Exception {
        Percentiles millis = new Percentiles(result.latenciesNanos().stream().map(nanos -> nanos / 1_000_000.0).toList());
        Path chart = out.resolve("health-probe-latency.png");
        Charts.groupedBars(chart, "Health agent probe latency (" + rate + " probes/s for " + seconds + " s)", "ms",
                List.of("p50", "p90", "p99", "max"),
                Map.of("latency", List.of(millis.at(0.5), millis.at(0.9), millis.at(0.99), millis.max())));
        return new BenchTable("health-probes", "Health agent probes (packaged application, simulated SQL Server at real timing)",
                "probes", "rate/s", "seconds", "p50 ms", "p90 ms", "p99 ms", "max ms", "non-200", "SQL statements",
                "statements/min")
                .row(millis.count(), rate, seconds, millis.at(0.5), millis.at(0.9), millis.at(0.99), millis.max(),
                        result.failures(), statements, statements * 60.0 / seconds)
                .note("a SQL statement per probe would be " + rate * 60 + "/min")
                .note("JVM options: " + String.join(" ", jvm))
                .chart(chart);
    }
}
