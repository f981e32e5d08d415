package io.github.mssqlk8s.testing;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.ha.AvailabilityMode;
import io.github.mssqlk8s.ha.HealthVerdict;
import io.github.mssqlk8s.ha.ReplicaId;
import io.github.mssqlk8s.ha.ReplicaReport;
import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.ha.SynchronizationState;
import io.github.mssqlk8s.kube.AgConfigMap;
import io.github.mssqlk8s.kube.AgConfigMapState;
import io.github.mssqlk8s.kube.AgPods;
import io.github.mssqlk8s.kube.FailoverOutcomeEntry;
import io.github.mssqlk8s.kube.FailoverRequestEntry;
import io.github.mssqlk8s.kube.LastFailover;
import io.github.mssqlk8s.kube.LeaderEntry;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An AG as the failover Job and the CLI see it on the mock API server: SQL Server pods with their labels and the
 * AG's ConfigMap with reports, written through the real protocol code. Optionally it plays the agents' part in a
 * failover (accept, demote, promote, relabel, report the outcome) or refuses, or ignores requests.
 */
public final class AgFixture implements AutoCloseable {

    /** What the pretend agents do with a request. */
    public enum Agents {
        /** Carry it out: accepted, old primary RESOLVING, target PRIMARY and relabelled, old primary SECONDARY. */
        FAIL_OVER,
        /** Refuse it as SQL Server would an unsynchronized target. */
        REFUSE,
        /** Never answer: the requester times out. */
        IGNORE
    }

    private static final Duration AGENT_PERIOD = Duration.ofMillis(50);

    private final KubernetesClient client;
    private final String namespace;
    private final String availabilityGroup;
    private final AgConfigMap configMap;
    private final Map<String, ReplicaReport> reports = new LinkedHashMap<>();
    private final ScheduledExecutorService agents = Executors.newSingleThreadScheduledExecutor();
    private String handledRequest;
    private Clock clock = Clock.systemUTC();
    private boolean reporting;

    public AgFixture(KubernetesClient client, String namespace, String availabilityGroup) {
        this.client = client;
        this.namespace = namespace;
        this.availabilityGroup = availabilityGroup;
        this.configMap = new AgConfigMap(client, namespace, availabilityGroup);
    }

    /** Reports made from now on carry this clock's time (the default is the system clock). */
    public AgFixture withClock(Clock fixed) {
        this.clock = fixed;
        return this;
    }

    public AgConfigMap configMap() {
        return configMap;
    }

    /** A replica {@code name} (pod {@code name-0}, IP {@code 10.0.0.<n>}) that reports and is labelled. */
    public synchronized AgFixture replica(String name, int ipSuffix, AvailabilityMode mode, ReplicaRole role,
                                          SynchronizationState state, long sequenceNumber) {
        String podName = Names.pod(name);
        ReplicaId id = new ReplicaId(name, podName, podName, "10.0.0." + ipSuffix, name,
                Names.endpointHost(name, namespace));
        Map<String, SynchronizationState> databases = mode == AvailabilityMode.CONFIGURATION_ONLY ? Map.of()
                : Map.of("salesdb", state);
        ReplicaReport report = new ReplicaReport(id, mode, role, sequenceNumber, databases,
                role == ReplicaRole.PRIMARY ? Duration.ofSeconds(6) : null, null, false,
                HealthVerdict.healthy("healthy: system clean"), null, clock.instant());
        reports.put(name, report);
        configMap.publishReport(report);
        keepReporting();
        client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(podName).withNamespace(namespace)
                .addToLabels(Labels.TYPE, Labels.TYPE_SQL_SERVER)
                .addToLabels(Labels.NAME, name)
                .addToLabels(Labels.SQL_SERVER, name)
                .addToLabels(Labels.member(availabilityGroup), "true")
                .addToLabels(Labels.role(availabilityGroup), role == ReplicaRole.PRIMARY ? Labels.ROLE_PRIMARY : Labels.ROLE_SECONDARY)
                .addToLabels(Labels.mode(availabilityGroup), AgPods.modeLabel(mode))
                .endMetadata()
                .withNewStatus().withPodIP(id.podIp()).endStatus()
                .build()).createOr(existing -> existing.update());
        return this;
    }

    public AgFixture synchronousSecondary(String name, int ipSuffix) {
        return replica(name, ipSuffix, AvailabilityMode.SYNCHRONOUS_COMMIT, ReplicaRole.SECONDARY,
                SynchronizationState.SYNCHRONIZED, 42);
    }

    /** Three synchronous replicas, mssql1 primary: the example AG of the preview. */
    public AgFixture threeReplicas(String prefix) {
        replica(prefix + "1", 1, AvailabilityMode.SYNCHRONOUS_COMMIT, ReplicaRole.PRIMARY, SynchronizationState.SYNCHRONIZED, 42);
        synchronousSecondary(prefix + "2", 2);
        return synchronousSecondary(prefix + "3", 3);
    }

    public AgFixture leader(String leader, String primary, LastFailover lastFailover, Map<String, String> notPromoted) {
        configMap.publishLeader(new LeaderEntry(leader, primary, clock.instant(), lastFailover, notPromoted,
                "hold primary " + primary));
        return this;
    }

    /**
     * Every replica's agent publishes its report again every period, stamped with the fixture's clock, as real agents
     * do each tick: a reader on another clock (the failover Job) counts a report fresh only once it saw it change.
     */
    private void keepReporting() {
        if (!reporting) {
            reporting = true;
            agents.scheduleWithFixedDelay(this::republish, AGENT_PERIOD.toMillis(), AGENT_PERIOD.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void republish() {
        try {
            for (Map.Entry<String, ReplicaReport> entry : reports.entrySet()) {
                ReplicaReport r = entry.getValue();
                if (r.reportedAt().equals(clock.instant())) {
                    continue;
                }
                ReplicaReport again = new ReplicaReport(r.id(), r.mode(), r.role(), r.sequenceNumber(), r.databases(),
                        r.writeLeaseRemaining(), r.writeLeaseRenewedAt(), r.leadershipReleased(), r.health(),
                        r.promotionRefusedAt(), clock.instant());
                entry.setValue(again);
                configMap.publishReport(again);
            }
        } catch (RuntimeException failed) {
            System.err.println("AgFixture reports: " + failed);
        }
    }

    /** Starts the pretend agents. */
    public AgFixture agents(Agents behaviour) {
        agents.scheduleWithFixedDelay(() -> answer(behaviour), 0, AGENT_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private synchronized void answer(Agents behaviour) {
        try {
            answerOnce(behaviour);
        } catch (RuntimeException failed) {
            // keep answering: one failed request to the mock server must not stop the pretend agents
            System.err.println("AgFixture agents: " + failed);
        }
    }

    private void answerOnce(Agents behaviour) {
        AgConfigMapState state = configMap.read();
        FailoverRequestEntry request = state.request();
        if (request == null || request.id().equals(handledRequest)) {
            return;
        }
        handledRequest = request.id();
        switch (behaviour) {
            case IGNORE -> { }
            case REFUSE -> outcome(request, FailoverOutcomeEntry.State.REFUSED,
                    "SQL Server refused: the target's databases are not synchronized (41142)");
            case FAIL_OVER -> failOver(request);
        }
    }

    private void failOver(FailoverRequestEntry request) {
        outcome(request, FailoverOutcomeEntry.State.ACCEPTED, "failing over to " + request.target());
        String oldPrimary = reports.values().stream().filter(r -> r.role() == ReplicaRole.PRIMARY)
                .map(ReplicaReport::name).findFirst().orElse(null);
        if (oldPrimary != null) {
            setRole(oldPrimary, ReplicaRole.RESOLVING, null);
        }
        setRole(request.target(), ReplicaRole.PRIMARY, Labels.ROLE_PRIMARY);
        if (oldPrimary != null) {
            setRole(oldPrimary, ReplicaRole.SECONDARY, Labels.ROLE_SECONDARY);
        }
        outcome(request, FailoverOutcomeEntry.State.SUCCEEDED, request.target() + " is primary");
    }

    private void setRole(String name, ReplicaRole role, String label) {
        ReplicaReport r = reports.get(name);
        ReplicaReport changed = new ReplicaReport(r.id(), r.mode(), role, r.sequenceNumber() + 1, r.databases(),
                role == ReplicaRole.PRIMARY ? Duration.ofSeconds(6) : null, null, false, r.health(), null, clock.instant());
        reports.put(name, changed);
        configMap.publishReport(changed);
        client.pods().inNamespace(namespace).withName(r.id().podName()).edit(pod -> {
            if (label == null) {
                pod.getMetadata().getLabels().remove(Labels.role(availabilityGroup));
            } else {
                pod.getMetadata().getLabels().put(Labels.role(availabilityGroup), label);
            }
            return pod;
        });
    }

    private void outcome(FailoverRequestEntry request, FailoverOutcomeEntry.State state, String message) {
        configMap.publishOutcome(new FailoverOutcomeEntry(request.id(), state, message, clock.instant()));
    }

    @Override
    public void close() {
        agents.shutdownNow();
    }
}
