package io.github.mssqlk8s.chaos;

import io.github.mssqlk8s.testing.AgScenarioHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a schedule's faults into harness actions. Targets are resolved when a fault starts (the primary of that
 * moment, or the first secondary by name with no fault of its own); one fault per replica at a time, so that
 * undoing one never undoes another — a fault whose target is taken is skipped and counted. It remembers which
 * replicas each fault impaired and when, and the membership over time, for the quorum rule of the checks.
 */
final class FaultInjector {

    /** One fault that was injected: whom it impaired, and when it started and ended (null while it lasts). */
    record Injection(ScheduledFault fault, String description, Set<String> impaired, Instant at, Instant until) {
    }

    private record Membership(Instant since, int synchronousMembers) {
    }

    private final AgScenarioHarness harness;
    private final List<String> members;
    private final List<Membership> membership = new ArrayList<>();
    private final Map<Integer, Runnable> undos = new TreeMap<>();
    private final Map<Integer, Injection> injections = new TreeMap<>();
    private final Map<String, Integer> busy = new TreeMap<>();
    private final Map<FaultKind, Integer> injected = new EnumMap<>(FaultKind.class);
    private boolean apiDown;
    private int skipped;
    private int nextMember;

    FaultInjector(AgScenarioHarness harness, List<String> replicas) {
        this.harness = harness;
        this.members = new ArrayList<>(replicas);
        this.nextMember = replicas.size() + 1;
        membership.add(new Membership(Instant.EPOCH, members.size()));
    }

    synchronized void inject(int index, ScheduledFault fault) {
        String primary = primary();
        // A member is removed from the secondaries: the primary's resource leaving the AG is a switchover first.
        boolean atPrimary = fault.kind() == FaultKind.PRIMARY_API_CUT || fault.onPrimary() && fault.kind() != FaultKind.MEMBER_REMOVE;
        String target = atPrimary ? primary : freeSecondary(primary);
        boolean needsTarget = fault.kind() != FaultKind.API_OUTAGE && fault.kind() != FaultKind.MEMBER_ADD;
        if ((needsTarget && (target == null || busy.containsKey(target)))
                || (fault.kind() == FaultKind.API_OUTAGE && apiDown)
                || (fault.kind() == FaultKind.MEMBER_REMOVE && (members.size() <= 2 || target == null || target.equals(primary)))
                || ((fault.kind() == FaultKind.LINK_CUT || fault.kind() == FaultKind.LINK_SLOW) && primary == null)) {
            skipped++;
            return;
        }
        Instant at = Instant.now();
        Set<String> impaired = new HashSet<>();
        String affected = target;
        switch (fault.kind()) {
            case SQL_CRASH -> {
                harness.crashSql(target);
                undos.put(index, () -> harness.startSql(target));
            }
            case SQL_HANG -> {
                harness.hangSql(target);
                undos.put(index, () -> harness.unhangSql(target));
            }
            case SQL_SLOW -> {
                harness.instance(target).setResponseDelay(Duration.ofMillis(fault.parameter()));
                undos.put(index, () -> harness.instance(target).setResponseDelay(Duration.ZERO));
            }
            case AGENT_KILL -> {
                harness.killAgent(target);
                undos.put(index, () -> harness.startAgent(target));
            }
            case AGENT_API_CUT -> {
                harness.cutApi(target);
                undos.put(index, () -> harness.restoreApi(target));
            }
            case API_OUTAGE -> {
                harness.cutApiForAll();
                apiDown = true;
                impaired.addAll(members);
                undos.put(index, () -> {
                    harness.restoreApiForAll();
                    apiDown = false;
                });
            }
            case LINK_CUT, LINK_SLOW -> {
                String secondary = fault.onPrimary() ? freeSecondary(primary) : target;
                if (secondary == null || secondary.equals(primary)) {
                    skipped++;
                    return;
                }
                affected = secondary;
                if (fault.kind() == FaultKind.LINK_CUT) {
                    harness.cutLink(primary, secondary);
                    undos.put(index, () -> harness.restoreLink(primary, secondary));
                } else {
                    harness.simulator().network().link(primary + "-0", secondary + "-0").delay(Duration.ofMillis(fault.parameter()));
                    undos.put(index, () -> harness.simulator().network().link(primary + "-0", secondary + "-0").delay(Duration.ZERO));
                }
            }
            case POD_LOSS -> {
                harness.podLost(target);
                undos.put(index, () -> harness.podReturns(target));
            }
            case MEMBER_ADD -> {
                String added = "c" + nextMember++;
                harness.addReplica(AgScenarioHarness.Replica.synchronous(added));
                members.add(added);
                affected = added;
                membership.add(new Membership(at, members.size()));
            }
            case MEMBER_REMOVE -> {
                try {
                    harness.removeFromAvailabilityGroup(target);
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                    return;
                }
                members.remove(target);
                membership.add(new Membership(at, members.size()));
            }
            case CLOCK_SKEW -> {
                harness.skewClock(target, Duration.ofMillis(fault.parameter()));
                undos.put(index, () -> harness.skewClock(target, Duration.ZERO));
            }
            case AGENT_FREEZE -> {
                harness.freezeAgent(target, fault.freezePoint(), Duration.ofMillis(fault.parameter()));
                undos.put(index, () -> harness.cancelFreeze(target));
            }
            case PRIMARY_API_CUT -> {
                harness.cutApi(target);
                undos.put(index, () -> harness.restoreApi(target));
            }
            case LATE_STATEMENTS -> {
                harness.lateStatements(target, Duration.ofMillis(fault.parameter()));
                undos.put(index, () -> harness.lateStatements(target, Duration.ZERO));
            }
        }
        if (fault.kind().impairs() && fault.kind() != FaultKind.API_OUTAGE) {
            impaired.add(affected);
        }
        if (affected != null && !fault.kind().permanent()) {
            busy.put(affected, index);
        }
        injected.merge(fault.kind(), 1, Integer::sum);
        injections.put(index, new Injection(fault, fault + " (" + (affected == null ? "all" : affected) + ")", Set.copyOf(impaired), at, null));
    }

    synchronized void undo(int index) {
        Runnable undo = undos.remove(index);
        if (undo == null) {
            return;
        }
        undo.run();
        busy.values().remove(index);
        Injection done = injections.get(index);
        injections.put(index, new Injection(done.fault(), done.description(), done.impaired(), done.at(), Instant.now()));
    }

    synchronized void undoAll() {
        for (Integer index : List.copyOf(undos.keySet())) {
            undo(index);
        }
    }

    synchronized List<Injection> injections() {
        return List.copyOf(injections.values());
    }

    synchronized Map<FaultKind, Integer> injected() {
        return Map.copyOf(injected);
    }

    synchronized int skipped() {
        return skipped;
    }

    /**
     * Whether, from {@code from} to {@code to}, membership did not change and the replicas impaired by any fault
     * in that span leave at least ⌊n/2⌋ + 1 of the n synchronous members.
     */
    synchronized boolean quorumUnimpairedDuring(Instant from, Instant to) {
        int n = 0;
        for (Membership change : membership) {
            if (change.since().isAfter(from) && change.since().isBefore(to)) {
                return false;
            }
            if (!change.since().isAfter(from)) {
                n = change.synchronousMembers();
            }
        }
        Set<String> impaired = new HashSet<>();
        for (Injection injection : injections.values()) {
            boolean overlaps = injection.at().isBefore(to) && (injection.until() == null || injection.until().isAfter(from));
            if (overlaps) {
                impaired.addAll(injection.impaired());
            }
        }
        return n - impaired.size() >= n / 2 + 1;
    }

    private String primary() {
        List<String> route = harness.primaryRoute();
        if (route.size() == 1) {
            return route.get(0);
        }
        List<String> sql = harness.sqlPrimaries();
        return sql.size() == 1 ? sql.get(0) : null;
    }

    private String freeSecondary(String primary) {
        return members.stream().filter(name -> !name.equals(primary) && !busy.containsKey(name)).sorted().findFirst().orElse(null);
    }
}
