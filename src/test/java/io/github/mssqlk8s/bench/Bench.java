package io.github.mssqlk8s.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.mssqlk8s.kube.ClusterConnection;
import io.github.mssqlk8s.testing.LogsToFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/bench [benchmark ...] [--setting value ...]}: runs the benchmarks (all when none is named), prints
 * a table per benchmark, writes {@code target/bench/results.json} and draws PNG charts into {@code target/bench/}.
 * Figures only: nothing here passes or fails on a number.
 */
public final class Bench {

    static final Path OUT = Path.of("target/bench");

    /** One benchmark: its figures as tables, its charts drawn into {@code out}. */
    interface Benchmark {
        List<BenchTable> run(BenchOptions options, Path out) throws Exception;
    }

    private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("health", HealthProbeBenchmark::run);
        BENCHMARKS.put("agents", AgentProcessBenchmark::run);
        BENCHMARKS.put("operator", OperatorBenchmark::run);
        BENCHMARKS.put("failover", FailoverBenchmark::run);
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        LogsToFile.redirect(OUT.resolve("bench.log"));
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
            for (String name : options.benchmarks()) {
                if (!BENCHMARKS.containsKey(name)) {
                    throw new IllegalArgumentException("unknown benchmark '" + name + "' (known: " + BENCHMARKS.keySet() + ")");
                }
            }
        } catch (IllegalArgumentException badUsage) {
            System.err.println("bench: " + badUsage.getMessage());
            System.exit(2);
            return;
        }
        List<String> names = options.benchmarks().isEmpty() ? List.copyOf(BENCHMARKS.keySet()) : options.benchmarks();
        Files.createDirectories(OUT);
        List<BenchTable> tables = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String name : names) {
            System.err.println("bench: running " + name + " …");
            try {
                tables.addAll(BENCHMARKS.get(name).run(options, OUT));
            } catch (Exception | AssertionError broken) {
                failed.add(name);
                System.err.println("bench: " + name + " failed: " + ClusterConnection.rootMessage(broken));
            }
        }
        tables.forEach(table -> table.print(System.out));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        json.put("cpus", Runtime.getRuntime().availableProcessors());
        json.put("benchmarks", tables.stream().map(BenchTable::json).toList());
        json.put("failed", failed);
        Path results = OUT.resolve("results.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(results.toFile(), json);
        System.out.println();
        System.out.println("JSON: " + results + (failed.isEmpty() ? "" : "; failed: " + failed));
        System.exit(failed.isEmpty() ? 0 : 1);
    }
}
