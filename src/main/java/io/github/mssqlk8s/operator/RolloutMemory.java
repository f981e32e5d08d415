package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the operator remembers of one namespace's rollout between reconciles, on its own clock: when it last
 * carried out a step, and per instance the pod it last saw with the agents' report as it stood when that pod was
 * first seen. Lost when the operator restarts: then the bound starts again at its next step, and every member
 * waits for one new report.
 */
final class RolloutMemory {

    private record Sighting(String podUid, Map<String, Instant> publishedAtFirstSight) {
    }

    private final Clock clock;
    private final Map<String, Sighting> sightings = new HashMap<>();
    private Instant lastStepAt;
    private long restarts;
    private long switchovers;

    RolloutMemory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Clock clock() {
        return clock;
    }

    Instant lastStepAt() {
        return lastStepAt;
    }

    void restarted() {
        lastStepAt = clock.instant();
        restarts++;
    }

    void switchedOver() {
        lastStepAt = clock.instant();
        switchovers++;
    }

    /** The rollout is over: the next one starts its count and its bound afresh. */
    void done() {
        lastStepAt = null;
        restarts = 0;
        switchovers = 0;
    }

    long restarts() {
        return restarts;
    }

    long switchovers() {
        return switchovers;
    }

    /**
     * True when {@code instance}'s report in {@code ag} was published after its pod {@code podUid} was first seen:
     * the report is then its new agent's, not one the previous pod left behind.
     */
    boolean publishedSincePodSeen(String instance, String podUid, String ag, Instant publishedAt) {
        Sighting sighting = sightings.get(instance);
        if (sighting == null || !sighting.podUid().equals(podUid)) {
            sighting = new Sighting(podUid, new HashMap<>());
            sightings.put(instance, sighting);
        }
        if (!sighting.publishedAtFirstSight().containsKey(ag)) {
            sighting.publishedAtFirstSight().put(ag, publishedAt);
            return false;
        }
        return publishedAt != null && !publishedAt.equals(sighting.publishedAtFirstSight().get(ag));
    }

    /** Forgets instances that are gone, and the sighting of an instance without a pod. */
    void forgetAllBut(Map<String, Pod> pods) {
        sightings.keySet().removeIf(instance -> pods.get(instance) == null);
    }
}
