package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rollout snapshots written as short lines, so that a table of cases reads like the situations it describes.
 *
 * <ul>
 *   <li>instance: {@code "mssql1 r1>r2 16.0.1 down"} — name, current revision ({@code -} for no pod) {@code >}
 *       desired revision, optionally a version and {@code down}</li>
 *   <li>AG: {@code "ag1 rsstc=1 switching: mssql1 P sync, mssql2 S sync lag, mssql3 S async"} — name, optionally
 *       its commit durability (default 0) and {@code switching} (a switchover request is pending); then members:
 *       name, role ({@code P}, {@code S}, {@code U} unknown), mode ({@code sync}, {@code async}, {@code config}),
 *       optionally {@code lag} (not caught up)</li>
 * </ul>
 */
final class RolloutFixtures {

    static final Instant NOW = Fixtures.T0.plus(Duration.ofHours(1));

    private RolloutFixtures() {
    }

    static RolloutInstance instance(String line) {
        String[] t = line.trim().split("\\s+");
        String[] rev = t[1].split(">");
        SqlServerVersion version = null;
        boolean up = true;
        for (int i = 2; i < t.length; i++) {
            if (t[i].equals("down")) {
                up = false;
            } else {
                version = SqlServerVersion.parse(t[i]);
            }
        }
        String current = rev[0].equals("-") ? null : rev[0];
        return new RolloutInstance(t[0], up && current != null, current, rev[1], version);
    }

    static RolloutAg ag(String line) {
        String[] headAndMembers = line.split(":", 2);
        String[] head = headAndMembers[0].trim().split("\\s+");
        int rsstc = 0;
        boolean switching = false;
        for (int i = 1; i < head.length; i++) {
            if (head[i].startsWith("rsstc=")) {
                rsstc = Integer.parseInt(head[i].substring(6));
            } else if (head[i].equals("switching")) {
                switching = true;
            } else {
                throw new IllegalArgumentException(head[i]);
            }
        }
        List<RolloutMember> members = new ArrayList<>();
        for (String m : headAndMembers[1].split(",")) {
            String[] t = m.trim().split("\\s+");
            ReplicaRole role = switch (t[1]) {
                case "P" -> ReplicaRole.PRIMARY;
                case "S" -> ReplicaRole.SECONDARY;
                default -> ReplicaRole.UNKNOWN;
            };
            AvailabilityMode mode = switch (t[2]) {
                case "sync" -> AvailabilityMode.SYNCHRONOUS_COMMIT;
                case "async" -> AvailabilityMode.ASYNCHRONOUS_COMMIT;
                case "config" -> AvailabilityMode.CONFIGURATION_ONLY;
                default -> throw new IllegalArgumentException(t[2]);
            };
            boolean caughtUp = !(t.length > 3 && t[3].equals("lag"));
            members.add(new RolloutMember(t[0], mode, role, caughtUp));
        }
        return new RolloutAg(head[0], rsstc, members, switching);
    }

    static RolloutSnapshot snapshot(List<String> instances, List<String> ags, Duration sinceLastStep) {
        return new RolloutSnapshot(instances.stream().map(RolloutFixtures::instance).toList(),
                ags.stream().map(RolloutFixtures::ag).toList(),
                sinceLastStep == null ? null : NOW.minus(sinceLastStep), RolloutSnapshot.DEFAULT_SETTLE_BOUND);
    }

    /** A step as one short line: "restart mssql2", "switchover ag1 to mssql2", "wait", "pause mssql2", … */
    static String brief(RolloutStep step) {
        if (step instanceof RolloutStep.Restart r) {
            return "restart " + r.instance();
        }
        if (step instanceof RolloutStep.Switchover s) {
            return "switchover " + s.ag() + " to " + s.target();
        }
        if (step instanceof RolloutStep.Pause p) {
            return "pause " + p.member();
        }
        return step.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
