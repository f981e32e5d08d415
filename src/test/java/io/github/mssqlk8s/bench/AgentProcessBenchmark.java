package io.github.mssqlk8s.bench;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.resources.InstanceStatefulSet;
import io.github.mssqlk8s.testing.SqlServerSimulator;
import io.github.mssqlk8s.testing.TestLeaseSettings;
import io.github.mssqlk8s.testing.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Start-up time and resident memory of the agent processes (JVM mode), with the JVM's own defaults, with the
 * image's former {@code JAVA_OPTS}, and with the sidecar options the operator now gives the agent containers
 * ({@code resources.SidecarJvm}). Each runs under {@code -XX:MaxRAM} equal to its container's memory limit, which
 * is what the JVM sees in the pod. The health agent talks to a simulated SQL Server; the supervisor to the mock API
 * server, with one AG whose child is a shell stand-in (the child is its own process, not counted).
 *
 * <p>A second table is the real {@code ag-agent} child under its supervisor (sidecar options, no SQL Server to
 * reach): its resident memory with its HTTP server off, as before the supervisor scraped its metrics, and on
 * loopback, as now, after its first tick and after the supervisor's {@code /q/metrics} was scraped
 * {@value #SCRAPES} times.
 *
 * <p>Run: {@code scripts/bench agents [--runs 3]}.
 */
final class AgentProcessBenchmark {

    private static final Path FAKE_AG_AGENT = Path.of("src/test/resources/fake-ag-agent.sh").toAbsolutePath();
    private static final int WARM_PROBES = 500;
    private static final int SCRAPES = 200;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private AgentProcessBenchmark() {
    }

    /** A set of JVM options under test; the container limit is added per process. */
    private record Variant(String name, List<String> options) {
    }

    /** One start of one process: times from the process start, memory at ready and after a burst of probes. */
    private record Sample(double httpUpMillis, double readyMillis, long readyKib, long warmKib) {
    }

    static List<BenchTable> run(BenchOptions options, Path out) throws Exception {
        int runs = options.intSetting("runs", 3);
        List<Variant> variants = List.of(
                new Variant("JVM defaults", List.of()),
                new Variant("image JAVA_OPTS (before)", List.of("-XX:+UseSerialGC", "-XX:MaxRAMPercentage=70",
                        "-XX:+ExitOnOutOfMemoryError", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager")),
                new Variant("recommended (SidecarJvm)", SidecarOptions.recommended(out)));
        StatefulSet pod = InstanceStatefulSet.desired(TestResources.sqlServer("mssql1", BenchCluster.NAMESPACE,
                AvailabilityGroupRef.named("ag1")), TestLeaseSettings.defaults());
        BenchTable table = new BenchTable("agent-processes", "Agent processes: start-up and resident memory (JVM mode, median of "
                + runs + " starts)", "process", "JVM options", "container limit", "HTTP up ms", "ready ms", "RSS at ready MiB",
                "RSS after " + WARM_PROBES + " probes MiB");
        Map<String, List<Double>> readySeries = new LinkedHashMap<>();
        Map<String, List<Double>> memorySeries = new LinkedHashMap<>();
        List<String> processes = List.of("health-agent", "ag-agent-supervisor");
        for (Variant variant : variants) {
            readySeries.put(variant.name(), new ArrayList<>());
            memorySeries.put(variant.name(), new ArrayList<>());
        }
        for (String process : processes) {
            String limit = memoryLimit(pod, process);
            for (Variant variant : variants) {
                List<String> jvm = new ArrayList<>(variant.options());
                jvm.add("-XX:MaxRAM=" + limit.replace("Mi", "m").replace("Gi", "g"));
                List<Sample> samples = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    samples.add(process.equals("health-agent") ? healthAgent(jvm, out) : supervisor(jvm, out));
                }
                Sample median = median(samples);
                table.row(process, variant.name(), limit, median.httpUpMillis(), median.readyMillis(),
                        ProcessMemory.mib(median.readyKib()), ProcessMemory.mib(median.warmKib()));
                readySeries.get(variant.name()).add(median.httpUpMillis());
                memorySeries.get(variant.name()).add(ProcessMemory.mib(median.warmKib()));
            }
        }
        Path startChart = out.resolve("agents-startup.png");
        Path memoryChart = out.resolve("agents-memory.png");
        Charts.groupedBars(startChart, "Agent start-up: process start to first HTTP answer (median of " + runs + ")", "ms",
                processes, readySeries);
        Charts.groupedBars(memoryChart, "Agent resident memory after " + WARM_PROBES + " probes (median of " + runs + ")", "MiB",
                processes, memorySeries);
        variants.forEach(variant -> table.note(variant.name() + ": " + (variant.options().isEmpty() ? "(none)"
                : String.join(" ", variant.options())) + " -XX:MaxRAM=<container limit>"));
        return List.of(table
                .note("HTTP up: first answer of /q/health/started (any status); ready: first 200 of /q/health/ready — for the "
                        + "health agent that waits for the first sp_server_diagnostics result of the simulated SQL Server")
                .note("the CDS archive of the recommended options was made on this JVM like the image makes its own")
                .chart(startChart).chart(memoryChart),
                children(runs, variants.get(variants.size() - 1), memoryLimit(pod, "ag-agent-supervisor"), out));
    }

    /** Resident memory of the child after its first tick and after the scrapes, and of its supervisor then. */
    private record ChildSample(long firstTickKib, long scrapedKib, long supervisorKib) {
    }

    private static BenchTable children(int runs, Variant sidecar, String limit, Path out) throws Exception {
        BenchTable table = new BenchTable("ag-agent-child", "ag-agent child under its supervisor: resident memory (median of "
                + runs + " starts)", "child's HTTP server", "child RSS after first tick MiB",
                "child RSS after " + SCRAPES + " scrapes MiB", "supervisor RSS then MiB");
        for (boolean http : List.of(false, true)) {
            List<ChildSample> samples = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                samples.add(child(sidecar.options(), limit, http, out));
            }
            table.row(http ? "on loopback (now)" : "off (before)", medianMib(samples, ChildSample::firstTickKib),
                    medianMib(samples, ChildSample::scrapedKib), medianMib(samples, ChildSample::supervisorKib));
        }
        return table.note("the child runs with " + sidecar.name() + " options and -XX:MaxRAM=<supervisor's limit>; "
                + "off is -Dquarkus.http.host-enabled=false, as the ag-agent profile had it; a scrape is one GET of the "
                + "supervisor's /q/metrics, which fetches the child's when its HTTP server is on");
    }

    private static double medianMib(List<ChildSample> samples, ToLongFunction<ChildSample> kib) {
        return ProcessMemory.mib((long) new Percentiles(samples.stream().map(s -> (double) kib.applyAsLong(s)).toList()).at(0.5));
    }

    private static ChildSample child(List<String> jvm, String limit, boolean http, Path out) throws Exception {
        try (BenchCluster cluster = new BenchCluster()) {
            cluster.client().resource(TestResources.sqlServer("mssql1", BenchCluster.NAMESPACE, AvailabilityGroupRef.named("ag1")))
                    .create();
            List<String> childJvm = new ArrayList<>(jvm);
            childJvm.add("-XX:MaxRAM=" + limit.replace("Mi", "m").replace("Gi", "g"));
            if (!http) {
                childJvm.add("-Dquarkus.http.host-enabled=false");
            }
            List<String> child = new ArrayList<>();
            child.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            child.addAll(childJvm);
            child.addAll(List.of("-jar", AppProcess.JAR.toAbsolutePath().toString(), "ag-agent"));
            List<String> options = new ArrayList<>(jvm);
            options.add("-Dmssql.k8s.supervisor.child-command=" + String.join(",", child));
            Map<String, String> environment = new LinkedHashMap<>(cluster.environment());
            environment.put("MSSQL_K8S_SQL_SERVER_NAME", "mssql1");
            environment.put("MSSQL_K8S_AGENT_LOGIN_PATH", Files.createTempDirectory("bench-no-login").toString());
            try (AppProcess supervisor = AppProcess.start("ag-agent-supervisor", options, environment,
                    out.resolve("agents-child.log"))) {
                supervisor.awaitHttp("/q/health/ready", 200, PATIENCE);
                // The child's first decision, logged through its supervisor.
                supervisor.awaitOutput("ag1/mssql1: ", PATIENCE);
                long pid = supervisor.childPid();
                long firstTickKib = ProcessMemory.residentKib(pid);
                for (int i = 0; i < SCRAPES; i++) {
                    supervisor.get("/q/metrics");
                }
                boolean served = supervisor.body("/q/metrics").contains("mssql_ag_role{ag=\"ag1\"");
                if (served != http) {
                    throw new IllegalStateException("the child's meters are " + (served ? "" : "not ") + "in the supervisor's scrape");
                }
                return new ChildSample(firstTickKib, ProcessMemory.residentKib(pid), supervisor.residentKib());
            }
        }
    }

    private static Sample healthAgent(List<String> jvm, Path out) throws Exception {
        try (SqlServerSimulator simulator = new SqlServerSimulator()) {
            HealthProbeBenchmark.startInstance(simulator);
            Map<String, String> environment = HealthProbeBenchmark.healthAgentEnvironment(simulator,
                    Files.createTempDirectory("bench-login"));
            try (AppProcess agent = AppProcess.start("health-agent", jvm, environment, out.resolve("agents-health-agent.log"))) {
                return measure(agent);
            }
        }
    }

    private static Sample supervisor(List<String> jvm, Path out) throws Exception {
        try (BenchCluster cluster = new BenchCluster()) {
            cluster.client().resource(TestResources.sqlServer("mssql1", BenchCluster.NAMESPACE, AvailabilityGroupRef.named("ag1")))
                    .create();
            Path control = Files.createTempDirectory("bench-children");
            List<String> options = new ArrayList<>(jvm);
            options.add("-Dmssql.k8s.supervisor.child-command=sh," + FAKE_AG_AGENT + "," + control);
            Map<String, String> environment = new LinkedHashMap<>(cluster.environment());
            environment.put("MSSQL_K8S_SQL_SERVER_NAME", "mssql1");
            try (AppProcess supervisor = AppProcess.start("ag-agent-supervisor", options, environment,
                    out.resolve("agents-supervisor.log"))) {
                return measure(supervisor);
            }
        }
    }

    private static Sample measure(AppProcess process) throws InterruptedException {
        Duration up = process.awaitHttp("/q/health/started", -1, PATIENCE);
        Duration ready = process.awaitHttp("/q/health/ready", 200, PATIENCE);
        long readyKib = process.residentKib();
        for (int i = 0; i < WARM_PROBES; i++) {
            process.get(i % 2 == 0 ? "/q/health/live" : "/q/health/ready");
        }
        return new Sample(up.toNanos() / 1e6, ready.toNanos() / 1e6, readyKib, process.residentKib());
    }

    private static Sample median(List<Sample> samples) {
        return new Sample(
                new Percentiles(samples.stream().map(Sample::httpUpMillis).toList()).at(0.5),
                new Percentiles(samples.stream().map(Sample::readyMillis).toList()).at(0.5),
                (long) new Percentiles(samples.stream().map(Sample::readyKib).toList()).at(0.5),
                (long) new Percentiles(samples.stream().map(Sample::warmKib).toList()).at(0.5));
    }

    private static String memoryLimit(StatefulSet pod, String containerName) {
        Container container = pod.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(candidate -> candidate.getName().equals(containerName)).findFirst().orElseThrow();
        return container.getResources().getLimits().get("memory").toString();
    }
}
