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
import java.util.function.ToDoubleFunction;

/**
 * Start-up time and resident memory of every agent process (JVM mode) against issue 15's goal: at most
 * {@value #GOAL_MIB} MiB resident after {@value #PROBES} probes or {@value #SCRAPES} scrapes, at most
 * {@value #GOAL_START_MILLIS} ms from the process start to its first HTTP answer. Each process runs with the JVM
 * options the operator gives the agent containers ({@code resources.SidecarJvm}, "now") and, for comparison, with
 * the options they had before ("before"), under {@code -XX:MaxRAM} equal to its container's memory limit, which is
 * what the JVM sees in the pod.
 *
 * <p>The health agent talks to a simulated SQL Server and is probed; the supervisor talks to the mock API server
 * with one AG whose child is a shell stand-in, and is probed; then a real {@code ag-agent} child runs under its
 * supervisor (no SQL Server to reach) and the supervisor's {@code /q/metrics}, which fetches the child's, is
 * scraped. The child's first answer is its own {@code /q/metrics} on loopback, timed from the child's start.
 *
 * <p>Run: {@code scripts/bench agents [--runs 3]}.
 */
final class AgentProcessBenchmark {

    static final int GOAL_MIB = 80;
    static final int GOAL_START_MILLIS = 1500;
    private static final Path FAKE_AG_AGENT = Path.of("src/test/resources/fake-ag-agent.sh").toAbsolutePath();
    private static final int PROBES = 500;
    private static final int SCRAPES = 200;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private AgentProcessBenchmark() {
    }

    /** A set of JVM options under test; the container limit is added per process. */
    private record Variant(String name, List<String> options) {
    }

    /**
     * One start of one process: times from the process start (NaN: not measured), memory at ready and after its
     * load (probes or scrapes), the 1-minute load average of the machine then.
     */
    private record Sample(double firstAnswerMillis, double readyMillis, double readyMib, double loadedMib, double loadAverage) {
    }

    /** One start of a supervisor with a real child: the child's sample and the supervisor's memory after the scrapes. */
    private record ChildRun(Sample child, double supervisorMib) {
    }

    static List<BenchTable> run(BenchOptions options, Path out) throws Exception {
        int runs = options.intSetting("runs", 3);
        List<Variant> variants = List.of(new Variant("before", SidecarOptions.former(out)),
                new Variant("now (SidecarJvm)", SidecarOptions.recommended(out)));
        StatefulSet pod = InstanceStatefulSet.desired(TestResources.sqlServer("mssql1", BenchCluster.NAMESPACE,
                AvailabilityGroupRef.named("ag1")), TestLeaseSettings.defaults());
        String healthLimit = maxRam(pod, "health-agent");
        String supervisorLimit = maxRam(pod, "ag-agent-supervisor");
        BenchTable table = new BenchTable("agent-processes", "Agent processes against issue 15's goal (JVM mode, median of "
                + runs + " starts)", "process", "JVM options", "first answer ms", "goal ms", "ready ms",
                "RSS at ready MiB", "RSS after load MiB", "goal MiB", "load", "load average");
        Map<String, List<Double>> startSeries = new LinkedHashMap<>();
        Map<String, List<Double>> memorySeries = new LinkedHashMap<>();
        for (Variant variant : variants) {
            List<Sample> health = new ArrayList<>();
            List<Sample> supervisor = new ArrayList<>();
            List<ChildRun> children = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                health.add(healthAgent(withMaxRam(variant, healthLimit), out));
                supervisor.add(supervisor(withMaxRam(variant, supervisorLimit), out));
                children.add(child(withMaxRam(variant, supervisorLimit), out));
            }
            Sample healthMedian = median(health);
            Sample supervisorMedian = median(supervisor);
            Sample childMedian = median(children.stream().map(ChildRun::child).toList());
            double supervisorWithChild = new Percentiles(children.stream().map(ChildRun::supervisorMib).toList()).at(0.5);
            row(table, "health-agent", variant, healthMedian, PROBES + " probes");
            row(table, "ag-agent-supervisor", variant, supervisorMedian, PROBES + " probes");
            row(table, "ag-agent (child)", variant, childMedian, SCRAPES + " scrapes");
            table.row("ag-agent-supervisor with the child", variant.name(), Double.NaN, (double) GOAL_START_MILLIS,
                    Double.NaN, Double.NaN, supervisorWithChild, (double) GOAL_MIB, SCRAPES + " scrapes",
                    childMedian.loadAverage());
            startSeries.put(variant.name(), List.of(healthMedian.firstAnswerMillis(), supervisorMedian.firstAnswerMillis(),
                    childMedian.firstAnswerMillis()));
            memorySeries.put(variant.name(), List.of(healthMedian.loadedMib(), supervisorMedian.loadedMib(),
                    childMedian.loadedMib(), supervisorWithChild));
        }
        startSeries.put("goal", List.of((double) GOAL_START_MILLIS, (double) GOAL_START_MILLIS, (double) GOAL_START_MILLIS));
        memorySeries.put("goal", List.of((double) GOAL_MIB, (double) GOAL_MIB, (double) GOAL_MIB, (double) GOAL_MIB));
        Path startChart = out.resolve("agents-startup.png");
        Path memoryChart = out.resolve("agents-memory.png");
        Charts.groupedBars(startChart, "Agent start-up: process start to first HTTP answer (median of " + runs + ")", "ms",
                List.of("health-agent", "ag-agent-supervisor", "ag-agent child"), startSeries);
        Charts.groupedBars(memoryChart, "Agent resident memory after " + PROBES + " probes / " + SCRAPES
                + " scrapes (median of " + runs + ")", "MiB",
                List.of("health-agent", "ag-agent-supervisor", "ag-agent child", "supervisor + child"), memorySeries);
        variants.forEach(variant -> table.note(variant.name() + ": " + String.join(" ", variant.options())
                + " -XX:MaxRAM=<container limit>"));
        return List.of(table
                .note("first answer: of /q/health/started (any status) for the health agent and the supervisor, of the "
                        + "child's own /q/metrics on loopback for the child, timed from the process's start; ready: first "
                        + "200 of /q/health/ready (the health agent waits for the first sp_server_diagnostics result); "
                        + "for the child, its first decision in the supervisor's output")
                .note("RSS: VmRSS from /proc; load: what ran before the last reading; load average: the machine's "
                        + "1-minute load average then (2 cores shared with other builds)")
                .note("the class-data-sharing archive of both variants was made on this JVM like the image makes its own")
                .chart(startChart).chart(memoryChart));
    }

    private static void row(BenchTable table, String process, Variant variant, Sample sample, String load) {
        table.row(process, variant.name(), sample.firstAnswerMillis(), (double) GOAL_START_MILLIS, sample.readyMillis(),
                sample.readyMib(), sample.loadedMib(), (double) GOAL_MIB, load, sample.loadAverage());
    }

    private static Sample healthAgent(List<String> jvm, Path out) throws Exception {
        try (SqlServerSimulator simulator = new SqlServerSimulator()) {
            HealthProbeBenchmark.startInstance(simulator);
            Map<String, String> environment = HealthProbeBenchmark.healthAgentEnvironment(simulator,
                    Files.createTempDirectory("bench-login"));
            try (AppProcess agent = AppProcess.start("health-agent", jvm, environment, out.resolve("agents-health-agent.log"))) {
                return probed(agent);
            }
        }
    }

    private static Sample supervisor(List<String> jvm, Path out) throws Exception {
        try (BenchCluster cluster = clusterWithOneAg()) {
            Path control = Files.createTempDirectory("bench-children");
            List<String> options = new ArrayList<>(jvm);
            options.add("-Dmssql.k8s.supervisor.child-command=sh," + FAKE_AG_AGENT + "," + control);
            try (AppProcess supervisor = AppProcess.start("ag-agent-supervisor", options, supervisorEnvironment(cluster),
                    out.resolve("agents-supervisor.log"))) {
                return probed(supervisor);
            }
        }
    }

    private static ChildRun child(List<String> jvm, Path out) throws Exception {
        try (BenchCluster cluster = clusterWithOneAg()) {
            List<String> child = new ArrayList<>();
            child.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            child.addAll(jvm);
            child.addAll(List.of("-jar", AppProcess.JAR.toAbsolutePath().toString(), "ag-agent"));
            List<String> options = new ArrayList<>(jvm);
            options.add("-Dmssql.k8s.supervisor.child-command=" + String.join(",", child));
            Map<String, String> environment = supervisorEnvironment(cluster);
            environment.put("MSSQL_K8S_AGENT_LOGIN_PATH", Files.createTempDirectory("bench-no-login").toString());
            try (AppProcess supervisor = AppProcess.start("ag-agent-supervisor", options, environment,
                    out.resolve("agents-child.log"))) {
                supervisor.awaitHttp("/q/health/ready", 200, PATIENCE);
                ChildProcess started = ChildProcess.of(supervisor.awaitChild(PATIENCE), PATIENCE);
                double firstAnswer = started.awaitFirstAnswer("/q/metrics", PATIENCE);
                // The child's first decision, logged through its supervisor.
                supervisor.awaitOutput("ag1/mssql1: ", PATIENCE);
                double readyMillis = started.millisSinceStart();
                double readyMib = ProcessMemory.mib(ProcessMemory.residentKib(started.pid()));
                for (int i = 0; i < SCRAPES; i++) {
                    supervisor.get("/q/metrics");
                }
                if (!supervisor.body("/q/metrics").contains("mssql_ag_role{ag=\"ag1\"")) {
                    throw new IllegalStateException("the child's meters are not in the supervisor's scrape");
                }
                return new ChildRun(new Sample(firstAnswer, readyMillis, readyMib,
                        ProcessMemory.mib(ProcessMemory.residentKib(started.pid())), ProcessMemory.loadAverage()),
                        ProcessMemory.mib(supervisor.residentKib()));
            }
        }
    }

    private static BenchCluster clusterWithOneAg() {
        BenchCluster cluster = new BenchCluster();
        cluster.client().resource(TestResources.sqlServer("mssql1", BenchCluster.NAMESPACE, AvailabilityGroupRef.named("ag1")))
                .create();
        return cluster;
    }

    private static Map<String, String> supervisorEnvironment(BenchCluster cluster) {
        Map<String, String> environment = new LinkedHashMap<>(cluster.environment());
        environment.put("MSSQL_K8S_SQL_SERVER_NAME", "mssql1");
        return environment;
    }

    private static Sample probed(AppProcess process) throws InterruptedException {
        Duration up = process.awaitHttp("/q/health/started", -1, PATIENCE);
        Duration ready = process.awaitHttp("/q/health/ready", 200, PATIENCE);
        long readyKib = process.residentKib();
        for (int i = 0; i < PROBES; i++) {
            process.get(i % 2 == 0 ? "/q/health/live" : "/q/health/ready");
        }
        return new Sample(up.toNanos() / 1e6, ready.toNanos() / 1e6, ProcessMemory.mib(readyKib),
                ProcessMemory.mib(process.residentKib()), ProcessMemory.loadAverage());
    }

    private static Sample median(List<Sample> samples) {
        return new Sample(medianOf(samples, Sample::firstAnswerMillis), medianOf(samples, Sample::readyMillis),
                medianOf(samples, Sample::readyMib), medianOf(samples, Sample::loadedMib), medianOf(samples, Sample::loadAverage));
    }

    private static double medianOf(List<Sample> samples, ToDoubleFunction<Sample> value) {
        return new Percentiles(samples.stream().map(value::applyAsDouble).toList()).at(0.5);
    }

    private static List<String> withMaxRam(Variant variant, String maxRam) {
        List<String> jvm = new ArrayList<>(variant.options());
        jvm.add("-XX:MaxRAM=" + maxRam);
        return jvm;
    }

    /** The container's memory limit as a JVM size ({@code 256Mi} → {@code 256m}). */
    private static String maxRam(StatefulSet pod, String containerName) {
        Container container = pod.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(candidate -> candidate.getName().equals(containerName)).findFirst().orElseThrow();
        return container.getResources().getLimits().get("memory").toString().replace("Mi", "m").replace("Gi", "g");
    }
}
