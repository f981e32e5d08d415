package io.github.mssqlk8s.bench;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.Conditions;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.testing.TestResources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The operator as the packaged application in its own process, against fabric8's mock API server: how long it
 * takes to turn {@code --instances} SqlServer resources (three per AG) into StatefulSets and report their status,
 * its resident memory then, and again after {@code --secrets} unrelated Secrets appear (its informers select on
 * its own label, so it should not cache them).
 *
 * <p>Run: {@code scripts/bench operator [--instances 300] [--secrets 300]}; the figure is for 1000 and 1000
 * (about ten minutes on two shared cores, most of it in the mock API server).
 */
final class OperatorBenchmark {

    /** The image's JAVA_OPTS, and the 768 MiB limit of the generated Deployment as the JVM sees it in the pod. */
    static final List<String> JVM = List.of("-XX:+UseSerialGC", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError",
            "-XX:MaxRAM=768m", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
    private static final Duration PATIENCE = Duration.ofMinutes(15);
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final int MEMBERS_PER_AG = 3;

    private OperatorBenchmark() {
    }

    /**
     * {@code --api real|mock|both}: both by default where scripts/kube-testenv's binaries are (the real server first,
     * the mock beside it), else the mock alone.
     */
    static List<BenchTable> run(BenchOptions options, Path out) throws Exception {
        String api = options.settings().getOrDefault("api", RealBenchApiServer.available() ? "both" : "mock");
        List<BenchTable> tables = new ArrayList<>();
        if (!api.equals("mock")) {
            if (!RealBenchApiServer.available()) {
                throw new IllegalArgumentException("--api " + api + ": no kube-apiserver binaries or generated CRD; "
                        + "run scripts/kube-testenv and ./mvnw package");
            }
            try (RealBenchApiServer server = RealBenchApiServer.start()) {
                tables.add(run(options, out, server, "real"));
            }
        }
        if (!api.equals("real")) {
            try (BenchCluster cluster = new BenchCluster()) {
                tables.add(run(options, out, cluster, "mock"));
            }
        }
        return tables;
    }

    private static BenchTable run(BenchOptions options, Path out, BenchApiServer cluster, String tag) throws Exception {
        int instances = options.intSetting("instances", 300);
        int secrets = options.intSetting("secrets", 300);
        String namespace = cluster.namespace();
        try (AppProcess operator = AppProcess.start("operator", JVM, cluster.environment(), out.resolve("operator-" + tag + ".log"))) {
            Duration ready = operator.awaitHttp("/q/health/ready", 200, Duration.ofMinutes(2));
            long idleKib = operator.residentKib();
            SharedIndexInformer<StatefulSet> statefulSets = cluster.client().apps().statefulSets()
                    .inNamespace(namespace).inform();
            SharedIndexInformer<SqlServer> sqlServers = cluster.client().resources(SqlServer.class)
                    .inNamespace(namespace).inform();

            long start = System.nanoTime();
            createInParallel(instances, i -> cluster.client().resource(sqlServer(i, namespace)).create());
            double createdSeconds = secondsSince(start);
            Peak peak = new Peak(operator::residentKib);
            double statefulSetSeconds = awaitCount(() -> statefulSets.getStore().list().size(), instances, start, peak);
            double reconciledSeconds = awaitCount(() -> sqlServers.getStore().list().stream().filter(OperatorBenchmark::reconciled)
                    .count(), instances, start, peak);
            long doneKib = operator.residentKib();
            double cpu = operator.cpuSeconds();
            TimeUnit.MILLISECONDS.sleep(SETTLE.toMillis());
            long settledKib = operator.residentKib();
            long liveKib = JvmHeap.liveKibAfterFullGc(operator.pid());

            createInParallel(secrets, i -> cluster.client().resource(unrelatedSecret(i, namespace)).create());
            TimeUnit.MILLISECONDS.sleep(SETTLE.toMillis());
            long withSecretsKib = operator.residentKib();
            long liveWithSecretsKib = JvmHeap.liveKibAfterFullGc(operator.pid());
            statefulSets.close();
            sqlServers.close();

            Path chart = out.resolve("operator-memory-" + tag + ".png");
            Charts.groupedBars(chart, "Operator resident memory on " + cluster.description() + " (" + instances + " SqlServers, then " + secrets + " Secrets)",
                    "MiB", List.of("idle", "reconciling (peak)", "all reconciled +10 s", "+" + secrets + " Secrets +10 s"),
                    Map.of("VmRSS", List.of(mib(idleKib), mib(peak.max()), mib(settledKib), mib(withSecretsKib))));
            BenchTable table = new BenchTable("operator", "Operator: " + instances + " SqlServers on " + cluster.description(),
                    "SqlServers", "ready after start s", "created in s", "all StatefulSets s", "all statuses Reconciled s", "operator CPU s",
                    "RSS idle MiB", "RSS peak MiB", "RSS done MiB", "RSS +10 s MiB", "live heap MiB",
                    "unrelated Secrets", "RSS with Secrets MiB", "live heap with Secrets MiB")
                    .row(instances, ready.toMillis() / 1000.0, createdSeconds, statefulSetSeconds, reconciledSeconds, cpu,
                            mib(idleKib), mib(peak.max()), mib(doneKib), mib(settledKib), mib(liveKib), secrets,
                            mib(withSecretsKib), mib(liveWithSecretsKib))
                    .note("times count from the first create; SqlServers are created by 4 client threads, " + MEMBERS_PER_AG
                            + " per AG")
                    .note("operator JVM options: " + String.join(" ", JVM) + " (MaxRAM stands for the Deployment's 768 MiB limit)")
                    .note("operator CPU: user + system seconds of the operator process from its start until all were reconciled; "
                            + "the rest of the wall time is the mock API server (one JVM, O(objects) per request) and the machine")
                    .note("live heap: used after a full GC (jcmd GC.run)")
                    .note("the operator's requests on Secrets: " + cluster.requestsFromOthers("secrets")
                            .map(OperatorBenchmark::describe).orElse("not tallied on this server"))
                    .chart(chart);
            return table;
        }
    }

    private static SqlServer sqlServer(int index, String namespace) {
        String name = String.format(Locale.ROOT, "sql%04d", index);
        String group = String.format(Locale.ROOT, "ag%04d", index / MEMBERS_PER_AG);
        return TestResources.sqlServer(name, namespace, AvailabilityGroupRef.named(group));
    }

    private static io.fabric8.kubernetes.api.model.Secret unrelatedSecret(int index, String namespace) {
        return new SecretBuilder().withNewMetadata().withName(String.format(Locale.ROOT, "unrelated-%04d", index))
                .withNamespace(namespace).addToLabels("app", "someone-else").endMetadata()
                .addToData("token", Base64.getEncoder().encodeToString(("value-" + index + "-".repeat(200)).getBytes()))
                .build();
    }

    private static boolean reconciled(SqlServer sqlServer) {
        return sqlServer.getStatus() != null && Conditions.find(sqlServer.getStatus().getConditions(), Conditions.RECONCILED)
                .map(Condition::getStatus).filter("True"::equals).isPresent();
    }

    private static void createInParallel(int count, IntFunction<Object> create) throws Exception {
        ExecutorService creators = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                created.add(creators.submit(() -> create.apply(index)));
            }
            for (Future<Object> each : created) {
                each.get();
            }
        } finally {
            creators.shutdownNow();
        }
    }

    /** Seconds from {@code start} until {@code count} reaches {@code wanted}, sampling the operator's memory meanwhile. */
    private static double awaitCount(LongSupplier count, long wanted, long start, Peak peak) throws InterruptedException {
        long deadline = start + PATIENCE.toNanos();
        while (count.getAsLong() < wanted) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + count.getAsLong() + " of " + wanted + " after " + PATIENCE.toMinutes()
                        + " min; see target/bench/operator-real.log or operator-mock.log");
            }
            peak.sample();
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return secondsSince(start);
    }

    private static String describe(Map<String, Long> requests) {
        return requests.isEmpty() ? "none" : requests.entrySet().stream().map(entry -> entry.getKey() + " ×" + entry.getValue())
                .reduce((a, b) -> a + "; " + b).orElseThrow();
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double mib(long kib) {
        return ProcessMemory.mib(kib);
    }

    /** The highest of the samples taken. */
    private static final class Peak {
        private final LongSupplier source;
        private long max;

        Peak(LongSupplier source) {
            this.source = source;
        }

        void sample() {
            max = Math.max(max, source.getAsLong());
        }

        long max() {
            sample();
            return max;
        }
    }
}
