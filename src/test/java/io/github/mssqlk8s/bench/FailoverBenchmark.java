package io.github.mssqlk8s.bench;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.mssqlk8s.ha.TimingSettings;
import io.github.mssqlk8s.kube.AgConfigMap;
import io.github.mssqlk8s.kube.FailoverRequestEntry;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.testing.AckedWriter;
import io.github.mssqlk8s.testing.AgScenarioHarness;
import io.github.mssqlk8s.testing.MockApiServer;
import io.github.mssqlk8s.testing.SqlServerSimulator;
import java.awt.Color;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Failover time on the whole system of one AG in one JVM (the scenario harness: mock API server, three simulated SQL
 * Servers, the real ag-agents, a writer through the primary route): from the fault to the first write acknowledged
 * by the new primary, for SQL Server crash, hang, pod loss and a planned switchover; and the acknowledged writes
 * each failover lost. Draws the timeline of the first crash and a histogram of all failover times.
 *
 * <p>Run: {@code scripts/bench failover [--failovers 3] [--timing contract|scenario]}.
 */
final class FailoverBenchmark {

    private static final String AG = "agbench";
    private static final List<String> REPLICAS = List.of("f1", "f2", "f3");
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Duration TIMELINE_BEFORE = Duration.ofSeconds(3);
    private static final Duration TIMELINE_AFTER = Duration.ofSeconds(3);
    private static final Duration SLOT = Duration.ofMillis(100);

    private FailoverBenchmark() {
    }

    /** How a failover is caused and, once the new primary took over, undone. */
    private enum Kind {
        SQL_CRASH("SQL Server crash"), SQL_HANG("SQL Server hang"), POD_LOSS("pod loss"), SWITCHOVER("planned switchover");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One failover: fault time, when the new primary's SQL Server became PRIMARY, its first acknowledged write. */
    private record Failover(Kind kind, String from, String to, Instant fault, Instant promoted, Instant firstWrite, int lost,
            List<Instant> writesAround) {
        double seconds() {
            return Duration.between(fault, firstWrite).toMillis() / 1000.0;
        }
    }

    static List<BenchTable> run(BenchOptions options, Path out) throws Exception {
        int perKind = options.intSetting("failovers", 3);
        String timingName = options.settings().getOrDefault("timing", "contract");
        TimingSettings timing = switch (timingName) {
            case "contract" -> TimingSettings.defaults();
            case "scenario" -> AgScenarioHarness.scenarioTiming();
            default -> throw new IllegalArgumentException("--timing is contract or scenario, not " + timingName);
        };
        KubernetesMockServer server = MockApiServer.startCrud();
        List<Failover> failovers = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (KubernetesClient client = server.createClient();
                AgScenarioHarness harness = AgScenarioHarness.start(client, AG, timing,
                        REPLICAS.stream().map(AgScenarioHarness.Replica::synchronous).toList())) {
            harness.awaitBootstrapped();
            harness.startWriterAndMonitor();
            for (Kind kind : Kind.values()) {
                for (int i = 0; i < perKind; i++) {
                    try {
                        failovers.add(failOver(harness, kind));
                    } catch (ConditionTimeoutException | IllegalStateException notDone) {
                        notes.add(kind.label + ": no failover within " + PATIENCE.toSeconds() + " s (" + notDone.getMessage()
                                + "); the remaining runs of this kind were skipped");
                        break;
                    }
                }
            }
            int splitBrains = harness.monitor().splitBrainWindows().size();
            long acknowledged = harness.writer().acknowledged().size();
            harness.assertSafe();
            notes.add("split-brain windows seen by the 5 ms monitor over the whole run: " + splitBrains
                    + "; acknowledged writes: " + acknowledged + ", all present on the final primary");
        } finally {
            server.destroy();
        }
        return List.of(table(failovers, timingName, timing, notes, out));
    }

    private static Failover failOver(AgScenarioHarness harness, Kind kind) throws Exception {
        String from = harness.awaitPrimary();
        harness.awaitSynchronized();
        Instant settled = Instant.now();
        await().atMost(PATIENCE).until(() -> harness.writer().firstAckAfter(settled.plus(TIMELINE_BEFORE)).isPresent());
        Instant fault = switch (kind) {
            case SQL_CRASH -> harness.crashSql(from);
            case SQL_HANG -> harness.hangSql(from);
            case POD_LOSS -> harness.podLost(from);
            case SWITCHOVER -> requestSwitchover(harness, from);
        };
        AckedWriter writer = harness.writer();
        try (PromotionWatch promotion = new PromotionWatch(harness, from)) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> firstWriteElsewhere(writer, from, fault) != null);
            AckedWriter.Ack first = firstWriteElsewhere(writer, from, fault);
            await().atMost(PATIENCE).until(() -> writer.firstAckAfter(first.at().plus(TIMELINE_AFTER)).isPresent());
            List<Instant> around = writer.acknowledged().stream().map(AckedWriter.Ack::at)
                    .filter(at -> !at.isBefore(fault.minus(TIMELINE_BEFORE)) && !at.isAfter(first.at().plus(TIMELINE_AFTER))).toList();
            return new Failover(kind, from, first.instance(), fault, promotion.promotedAt(), first.at(),
                    lostOn(harness, first.instance()), around);
        } finally {
            switch (kind) {
                case SQL_CRASH -> harness.startSql(from);
                case SQL_HANG -> harness.unhangSql(from);
                case POD_LOSS -> harness.podReturns(from);
                case SWITCHOVER -> { }
            }
        }
    }

    private static Instant requestSwitchover(AgScenarioHarness harness, String from) {
        String to = REPLICAS.stream().filter(name -> !name.equals(from)).findFirst().orElseThrow();
        Instant at = Instant.now();
        AgConfigMap.Submission submission = new AgConfigMap(harness.client(), harness.client().getNamespace(), AG)
                .submitRequest(new FailoverRequestEntry(UUID.randomUUID().toString(), to, to, false, at, "bench"), at,
                        AgConfigMap.DEFAULT_REQUEST_TIMEOUT);
        if (!submission.submitted()) {
            throw new IllegalStateException("switchover refused: " + submission.refusal());
        }
        return at;
    }

    private static AckedWriter.Ack firstWriteElsewhere(AckedWriter writer, String former, Instant since) {
        return writer.acknowledged().stream().filter(ack -> !ack.at().isBefore(since) && !ack.instance().equals(former))
                .findFirst().orElse(null);
    }

    /** Acknowledged writes missing on {@code primary}, read as sa. */
    private static int lostOn(AgScenarioHarness harness, String primary) throws SQLException {
        Set<Long> stored = new HashSet<>();
        Properties login = new Properties();
        login.setProperty("user", "sa");
        login.setProperty("password", SqlServerSimulator.SA_PASSWORD);
        login.setProperty("encrypt", "false");
        String url = "jdbc:sqlserver://127.0.0.1:" + harness.simulator().port(Names.pod(primary));
        List<AckedWriter.Ack> acknowledged = harness.writer().acknowledged();
        try (Connection connection = DriverManager.getConnection(url, login); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM " + AgScenarioHarness.TABLE)) {
            while (rows.next()) {
                stored.add(rows.getLong(1));
            }
        }
        return (int) acknowledged.stream().filter(ack -> !stored.contains(ack.id())).count();
    }

    private static BenchTable table(List<Failover> failovers, String timingName, TimingSettings timing, List<String> notes,
            Path out) throws Exception {
        BenchTable table = new BenchTable("failover", "Failover time: fault → first write acknowledged by the new primary "
                + "(scenario harness, " + timingName + " timing)", "fault", "failovers", "p50 s", "p95 s", "max s",
                "lost writes");
        Map<Kind, List<Failover>> byKind = new LinkedHashMap<>();
        failovers.forEach(failover -> byKind.computeIfAbsent(failover.kind(), k -> new ArrayList<>()).add(failover));
        for (Map.Entry<Kind, List<Failover>> entry : byKind.entrySet()) {
            Percentiles seconds = new Percentiles(entry.getValue().stream().map(Failover::seconds).toList());
            table.row(entry.getKey().label, seconds.count(), seconds.at(0.5), seconds.at(0.95), seconds.max(),
                    entry.getValue().stream().mapToInt(Failover::lost).sum());
        }
        table.note("timing: Lease " + timing.leaseDuration().toMillis() / 1000.0 + " s, write lease "
                + timing.writeLeaseValidity().toSeconds() + " s, monitor " + timing.monitorPeriod().toMillis() + " ms"
                + ("contract".equals(timingName) ? " (the contract's defaults)" : " (compressed for tests)"));
        table.note("each failover: " + String.join("; ", failovers.stream().map(f -> String.format(java.util.Locale.ROOT,
                "%s %s→%s %.2f s", f.kind().name().toLowerCase(java.util.Locale.ROOT), f.from(), f.to(), f.seconds())).toList()));
        notes.forEach(table::note);
        Path histogram = out.resolve("failover-histogram.png");
        Charts.histogram(histogram, "Failover times (" + failovers.size() + " failovers, " + timingName + " timing)", "seconds",
                failovers.stream().map(Failover::seconds).toList(), 0.5);
        table.chart(histogram);
        for (Failover first : failovers.stream().filter(f -> f.kind() == Kind.SQL_CRASH).limit(1).toList()) {
            table.chart(timeline(first, out));
        }
        return table;
    }

    /** Writes per 100 ms around one failover, with the fault, the promotion and the first write on the new primary. */
    private static Path timeline(Failover failover, Path out) throws java.io.IOException {
        Instant start = failover.fault().minus(TIMELINE_BEFORE);
        int slots = (int) (Duration.between(start, failover.firstWrite().plus(TIMELINE_AFTER)).toMillis() / SLOT.toMillis()) + 1;
        List<Integer> perSlot = new ArrayList<>(java.util.Collections.nCopies(slots, 0));
        for (Instant write : failover.writesAround()) {
            int slot = (int) (Duration.between(start, write).toMillis() / SLOT.toMillis());
            if (slot >= 0 && slot < slots) {
                perSlot.set(slot, perSlot.get(slot) + 1);
            }
        }
        List<Charts.Marker> markers = new ArrayList<>();
        markers.add(new Charts.Marker(seconds(start, failover.fault()), "fault: " + failover.kind().label + " on "
                + failover.from(), new Color(0xE45756)));
        if (failover.promoted() != null) {
            markers.add(new Charts.Marker(seconds(start, failover.promoted()), "promotion: " + failover.to() + " PRIMARY",
                    new Color(0x54A24B)));
        }
        markers.add(new Charts.Marker(seconds(start, failover.firstWrite()), String.format(java.util.Locale.ROOT,
                "first write on %s (+%.2f s)", failover.to(), failover.seconds()), new Color(0x4C78A8)));
        Path chart = out.resolve("failover-timeline.png");
        Charts.timeline(chart, "Writes per 100 ms through the primary route around a failover", "seconds",
                "writes / 100 ms", SLOT.toMillis() / 1000.0, perSlot, markers);
        return chart;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** Polls every 10 ms for the moment another replica's SQL Server becomes PRIMARY. */
    private static final class PromotionWatch implements AutoCloseable {
        // Polling with a short pause is what this watch is: it timestamps a moment, it waits for nothing.
        private final Thread thread;
        private volatile Instant promotedAt;
        private volatile boolean running = true;

        PromotionWatch(AgScenarioHarness harness, String former) {
            thread = new Thread(() -> {
                while (running && promotedAt == null) {
                    if (harness.sqlPrimaries().stream().anyMatch(name -> !name.equals(former))) {
                        promotedAt = Instant.now();
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException stopped) {
                        return;
                    }
                }
            }, "promotion-watch");
            thread.setDaemon(true);
            thread.start();
        }

        Instant promotedAt() {
            return promotedAt;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(1_000);
        }
    }
}
