package io.github.mssqlk8s.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Follows one published manual failover request to its end, from what the failover Job can see: the agents'
 * outcome in the AG's ConfigMap, the roles the replicas report there, and the role labels on the pods.
 *
 * <p>The failover is done only when the agents report {@code succeeded} for this request, the target reports
 * PRIMARY and its pod alone carries the {@code primary} label, and the old primary (when there was one) reports
 * SECONDARY. A {@code refused} or {@code failed} outcome ends it at once; so does the deadline. Every change seen
 * on the way is one line, so a person watching the Job sees each step once.
 */
public final class FailoverProgress {

    /** What the agents wrote for a request ({@code failover.outcome}). */
    public enum OutcomeState {
        ACCEPTED, SUCCEEDED, REFUSED, FAILED
    }

    /** The agents' outcome for this request; {@code message} may be empty. */
    public record Outcome(OutcomeState state, String message) {

        public Outcome {
            Objects.requireNonNull(state, "state");
            message = message == null ? "" : message;
        }
    }

    /**
     * One look at the AG.
     *
     * @param at             when it was taken (the Job's clock)
     * @param outcome        the agents' outcome for this request's id, null when none yet
     * @param reportedRoles  per SqlServer name, the role its latest report gives
     * @param roleLabels     per SqlServer name whose pod carries the AG's role label, the label's value
     */
    public record Observation(Instant at, Outcome outcome, Map<String, ReplicaRole> reportedRoles,
                              Map<String, String> roleLabels) {

        public Observation {
            Objects.requireNonNull(at, "at");
            reportedRoles = Map.copyOf(reportedRoles);
            roleLabels = Map.copyOf(roleLabels);
        }
    }

    /** Where the failover stands after an observation. */
    public sealed interface Verdict {
    }

    public record Following() implements Verdict {
    }

    public record Succeeded(String summary) implements Verdict {
    }

    public record Failed(String reason) implements Verdict {
    }

    /** The lines to print for what changed, and the verdict. */
    public record Step(List<String> lines, Verdict verdict) {

        public Step {
            lines = List.copyOf(lines);
        }
    }

    private static final String PRIMARY_LABEL = "primary";

    private final String target;
    private final String oldPrimary;
    private final Instant deadline;
    private final Duration timeout;
    private OutcomeState lastOutcome;
    private final Map<String, ReplicaRole> lastRoles = new HashMap<>();
    private final Map<String, String> lastLabels = new HashMap<>();
    private boolean firstObservation = true;

    /**
     * @param target      SqlServer name of the replica to promote
     * @param oldPrimary  SqlServer name of the replica that was a fresh primary when the request was made, null
     *                    when there was none (then no demotion is waited for)
     */
    public FailoverProgress(String target, String oldPrimary, Instant requestedAt, Duration timeout) {
        this.target = Objects.requireNonNull(target, "target");
        this.oldPrimary = oldPrimary == null || oldPrimary.equals(target) ? null : oldPrimary;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.deadline = requestedAt.plus(timeout);
    }

    public Step observe(Observation observation) {
        List<String> lines = new ArrayList<>();
        describeChanges(observation, lines);
        Outcome outcome = observation.outcome();
        if (outcome != null && outcome.state() == OutcomeState.REFUSED) {
            return new Step(lines, new Failed("the agents refused the failover to " + target + ": "
                    + orUnexplained(outcome.message())));
        }
        if (outcome != null && outcome.state() == OutcomeState.FAILED) {
            return new Step(lines, new Failed("the failover to " + target + " failed: " + orUnexplained(outcome.message())));
        }
        List<String> missing = missing(observation);
        if (missing.isEmpty()) {
            return new Step(lines, new Succeeded(target + " is the primary and the only pod labelled primary"
                    + (oldPrimary == null ? "" : "; " + oldPrimary + " is a secondary")));
        }
        if (!observation.at().isBefore(deadline)) {
            return new Step(lines, new Failed("timed out after " + Durations.format(timeout) + " waiting for "
                    + String.join(", ", missing)));
        }
        return new Step(lines, new Following());
    }

    /** What still stands between the observation and success, as phrases. */
    private List<String> missing(Observation observation) {
        List<String> missing = new ArrayList<>();
        if (observation.outcome() == null || observation.outcome().state() != OutcomeState.SUCCEEDED) {
            missing.add("the agents to report success (outcome: "
                    + (observation.outcome() == null ? "none yet" : observation.outcome().state().name().toLowerCase()) + ")");
        }
        ReplicaRole targetRole = observation.reportedRoles().get(target);
        if (targetRole != ReplicaRole.PRIMARY) {
            missing.add(target + " to report PRIMARY (reports " + describe(targetRole) + ")");
        }
        if (!PRIMARY_LABEL.equals(observation.roleLabels().get(target))) {
            missing.add(target + "'s pod to be labelled primary");
        }
        List<String> otherPrimaries = new TreeMap<>(observation.roleLabels()).entrySet().stream()
                .filter(label -> PRIMARY_LABEL.equals(label.getValue()) && !label.getKey().equals(target))
                .map(Map.Entry::getKey)
                .toList();
        if (!otherPrimaries.isEmpty()) {
            missing.add("the primary label to leave " + String.join(", ", otherPrimaries));
        }
        if (oldPrimary != null && observation.reportedRoles().get(oldPrimary) != ReplicaRole.SECONDARY) {
            missing.add(oldPrimary + " to report SECONDARY (reports " + describe(observation.reportedRoles().get(oldPrimary)) + ")");
        }
        return missing;
    }

    private void describeChanges(Observation observation, List<String> lines) {
        Outcome outcome = observation.outcome();
        if (outcome != null && outcome.state() != lastOutcome) {
            lastOutcome = outcome.state();
            lines.add("agents: " + outcome.state().name().toLowerCase()
                    + (outcome.message().isEmpty() ? "" : ": " + outcome.message()));
        }
        for (Map.Entry<String, ReplicaRole> role : new TreeMap<>(observation.reportedRoles()).entrySet()) {
            ReplicaRole before = lastRoles.put(role.getKey(), role.getValue());
            if (!firstObservation && before != role.getValue()) {
                lines.add(role.getKey() + " reports " + role.getValue() + " (was " + describe(before) + ")");
            }
        }
        Set<String> labelled = new TreeSet<>(lastLabels.keySet());
        labelled.addAll(observation.roleLabels().keySet());
        for (String name : labelled) {
            String now = observation.roleLabels().get(name);
            String before = lastLabels.get(name);
            if (!firstObservation && !Objects.equals(before, now)) {
                lines.add(name + "'s pod " + (now == null ? "lost its role label" : "is labelled " + now));
            }
        }
        lastLabels.clear();
        lastLabels.putAll(observation.roleLabels());
        firstObservation = false;
    }

    private static String describe(ReplicaRole role) {
        return role == null ? "nothing" : role.name();
    }

    private static String orUnexplained(String message) {
        return message.isEmpty() ? "no reason given" : message;
    }
}
