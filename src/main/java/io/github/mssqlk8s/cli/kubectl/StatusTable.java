package io.github.mssqlk8s.cli.kubectl;

import io.github.mssqlk8s.ha.ReplicaReport;
import io.github.mssqlk8s.kube.AgPods;
import io.github.mssqlk8s.kube.LastFailover;
import io.github.mssqlk8s.kube.LeaderEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code kubectl mssql status} for people: per AG a header of a few lines and one row per replica. */
final class StatusTable {

    private static final List<String> COLUMNS = List.of(
            "REPLICA", "POD", "IP", "ROLE", "LABEL", "MODE", "SYNC", "SEQ", "HEALTH", "REPORTED", "NOT PROMOTED");
    private static final String NONE = "-";

    private StatusTable() {
    }

    static String render(List<AgStatus> groups, Instant now) {
        StringBuilder text = new StringBuilder();
        for (AgStatus group : groups) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            header(group, now, text);
            List<List<String>> rows = new ArrayList<>();
            rows.add(COLUMNS);
            for (String name : group.replicaNames()) {
                rows.add(row(group, name, now));
            }
            columns(rows, text);
        }
        return text.isEmpty() ? "no availability groups found\n" : text.toString();
    }

    private static void header(AgStatus group, Instant now, StringBuilder text) {
        LeaderEntry leader = group.state().leader();
        text.append("AG ").append(group.name())
                .append("   primary: ").append(leader == null || leader.primary() == null ? "none known" : leader.primary())
                .append("   lease: ").append(lease(group, now)).append('\n');
        LastFailover last = leader == null ? null : leader.lastFailover();
        if (last != null) {
            text.append("last failover: ").append(ago(last.at(), now)).append(' ')
                    .append(last.kind() == null ? "" : last.kind().name().toLowerCase(Locale.ROOT) + " ")
                    .append(last.from() == null ? "?" : last.from()).append(" -> ").append(last.to())
                    .append(last.reason() == null ? "" : ": " + last.reason()).append('\n');
        }
        group.state().requestInFlight(now, io.github.mssqlk8s.kube.AgConfigMap.DEFAULT_REQUEST_TIMEOUT)
                .ifPresent(request -> text.append("failover in flight: to ").append(request.target())
                        .append(request.forced() ? " (forced)" : "").append(", requested ")
                        .append(ago(request.requestedAt(), now)).append(" by ").append(request.requestedBy()).append('\n'));
        group.state().outcomeOfRequest().filter(outcome -> outcome.state().isFinal())
                .ifPresent(outcome -> text.append("last request: to ").append(group.state().request().target()).append(' ')
                        .append(outcome.state().name().toLowerCase(Locale.ROOT)).append(' ').append(ago(outcome.at(), now))
                        .append(outcome.message() == null ? "" : ": " + outcome.message()).append('\n'));
        group.state().problems().forEach(problem -> text.append("unreadable: ").append(problem).append('\n'));
    }

    private static String lease(AgStatus group, Instant now) {
        if (group.lease() == null || group.lease().getSpec() == null || group.lease().getSpec().getHolderIdentity() == null) {
            return "not held";
        }
        var spec = group.lease().getSpec();
        String renewed = spec.getRenewTime() == null ? "" : ", renewed " + ago(spec.getRenewTime().toInstant(), now);
        return "held by " + spec.getHolderIdentity() + renewed;
    }

    private static List<String> row(AgStatus group, String name, Instant now) {
        Optional<ReplicaReport> report = Optional.ofNullable(group.state().reports().get(name));
        Optional<AgPods.MemberPod> pod = group.pod(name);
        Map<String, String> notPromoted = group.state().leader() == null ? Map.of() : group.state().leader().notPromoted();
        return List.of(
                name,
                pod.map(AgPods.MemberPod::podName).or(() -> report.map(r -> r.id().podName())).orElse(NONE),
                pod.map(AgPods.MemberPod::podIp).or(() -> report.map(r -> r.id().podIp())).orElse(NONE),
                report.map(r -> r.role().name()).orElse("not reported"),
                pod.map(AgPods.MemberPod::role).orElse(NONE),
                report.map(r -> AgPods.modeLabel(r.mode())).or(() -> pod.map(AgPods.MemberPod::mode)).orElse(NONE),
                report.map(StatusTable::synchronization).orElse(NONE),
                report.map(r -> r.sequenceNumber() == null ? NONE : r.sequenceNumber().toString()).orElse(NONE),
                report.map(r -> r.health().status().name().toLowerCase(Locale.ROOT)).orElse(NONE),
                report.map(r -> ago(r.reportedAt(), now)).orElse(NONE),
                notPromoted.getOrDefault(name, NONE));
    }

    /** SYNCHRONIZED when every database is; else the databases that are not, with their state. */
    private static String synchronization(ReplicaReport report) {
        if (report.databases().isEmpty()) {
            return NONE;
        }
        if (report.isSynchronized()) {
            return "SYNCHRONIZED";
        }
        return String.join(",", report.databases().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> e.getValue() != io.github.mssqlk8s.ha.SynchronizationState.SYNCHRONIZED)
                .map(e -> e.getKey() + ":" + e.getValue()).toList());
    }

    static String ago(Instant then, Instant now) {
        if (then == null) {
            return NONE;
        }
        long seconds = Duration.between(then, now).toSeconds();
        if (seconds < 0) {
            return "in " + (-seconds) + "s";
        }
        if (seconds < 120) {
            return seconds + "s ago";
        }
        if (seconds < 7200) {
            return (seconds / 60) + "m ago";
        }
        return "at " + ZonedDateTime.ofInstant(then, java.time.ZoneOffset.UTC).toLocalDateTime().withNano(0) + "Z";
    }

    /** Left-aligned columns, two spaces apart, like kubectl's tables. */
    private static void columns(List<List<String>> rows, StringBuilder text) {
        int[] widths = new int[COLUMNS.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format(Locale.ROOT, "%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
