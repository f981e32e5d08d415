package io.github.mssqlk8s.kube;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.github.mssqlk8s.ha.LeadershipView;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The AG's {@code coordination.k8s.io/v1} Lease {@code <ag>-leader}, with compare-and-swap on resourceVersion
 * (a lost race is a 409, never a second holder). Unlike fabric8's callback-style elector it answers each call
 * at once, so the agent can renew its SQL write lease right after — and only after — a successful renewal.
 * When acquiring, the replaced record's {@code renewTime} is kept as {@code previousRenewTime} (also in an
 * annotation, for a holder that restarts). Times here are as written by each holder; the agent moves them onto
 * its own clock before deciding anything.
 */
public class AgLease {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final Duration leaseDuration;

    public AgLease(KubernetesClient client, String namespace, String availabilityGroup, Duration leaseDuration) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Names.availabilityGroupLease(availabilityGroup);
        this.leaseDuration = Objects.requireNonNull(leaseDuration, "leaseDuration");
    }

    /** The Lease as it is; vacant when it does not exist. Throws when the API cannot be read. */
    public LeadershipView read() {
        return view(resource().get());
    }

    /** Takes the Lease for {@code identity} if it is free or already its own. */
    public Optional<LeadershipView> acquire(String identity, Instant now) {
        return acquire(identity, now, null);
    }

    /**
     * Takes the Lease for {@code identity} if it is free, already its own, or still exactly {@code seenExpired}: the
     * record the caller judged expired on its own clock (contract §6, client-go's rule). The holder's times are never
     * compared with {@code now}; a renewal the caller has not seen makes this return empty, as does a lost race.
     */
    public Optional<LeadershipView> acquire(String identity, Instant now, LeadershipView seenExpired) {
        Lease current = resource().get();
        LeadershipView before = view(current);
        boolean free = before.holder() == null || before.holder().isEmpty();
        boolean ours = identity.equals(before.holder());
        if (!free && !ours && !sameRecord(before, seenExpired)) {
            return Optional.empty();
        }
        ZonedDateTime at = utc(now);
        Instant previousRenewal = ours ? before.previousRenewTime() : before.renewTime();
        LeaseSpec spec = new LeaseSpec();
        spec.setHolderIdentity(identity);
        spec.setAcquireTime(ours ? utc(before.acquireTime()) : at);
        spec.setRenewTime(at);
        spec.setLeaseDurationSeconds((int) Math.max(1, leaseDuration.toSeconds()));
        int transitions = current == null || current.getSpec() == null || current.getSpec().getLeaseTransitions() == null
                ? 0 : current.getSpec().getLeaseTransitions();
        spec.setLeaseTransitions(ours ? transitions : transitions + 1);
        Map<String, String> annotations = previousRenewal == null ? Map.of()
                : Map.of(Labels.PREVIOUS_RENEW_TIME_ANNOTATION, previousRenewal.toString());
        Lease next = new LeaseBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_US)
                .withAnnotations(annotations)
                .withResourceVersion(current == null ? null : current.getMetadata().getResourceVersion())
                .endMetadata()
                .withSpec(spec)
                .build();
        return write(next, current == null);
    }

    /** Renews the Lease {@code identity} holds; empty when it holds it no more or lost a race. */
    public Optional<LeadershipView> renew(String identity, Instant now) {
        Lease current = resource().get();
        if (current == null || current.getSpec() == null || !identity.equals(current.getSpec().getHolderIdentity())) {
            return Optional.empty();
        }
        current.getSpec().setRenewTime(utc(now));
        current.getSpec().setLeaseDurationSeconds((int) Math.max(1, leaseDuration.toSeconds()));
        return write(current, false);
    }

    /** Gives the Lease up if {@code identity} holds it; true when it was released (or not held by it anyway). */
    public boolean release(String identity) {
        Lease current = resource().get();
        if (current == null || current.getSpec() == null || !identity.equals(current.getSpec().getHolderIdentity())) {
            return true;
        }
        current.getSpec().setHolderIdentity(null);
        return write(current, false).isPresent();
    }

    private Optional<LeadershipView> write(Lease lease, boolean create) {
        try {
            Lease written = create ? client.leases().inNamespace(namespace).resource(lease).create()
                    : client.leases().inNamespace(namespace).resource(lease).update();
            return Optional.of(view(written));
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static boolean sameRecord(LeadershipView a, LeadershipView b) {
        return b != null && Objects.equals(a.holder(), b.holder()) && Objects.equals(a.acquireTime(), b.acquireTime())
                && Objects.equals(a.renewTime(), b.renewTime());
    }

    LeadershipView view(Lease lease) {
        if (lease == null || lease.getSpec() == null) {
            return LeadershipView.vacant(leaseDuration);
        }
        LeaseSpec spec = lease.getSpec();
        Duration duration = spec.getLeaseDurationSeconds() == null ? leaseDuration
                : Duration.ofSeconds(spec.getLeaseDurationSeconds());
        String holder = spec.getHolderIdentity();
        Instant renew = instant(spec.getRenewTime());
        Instant acquire = instant(spec.getAcquireTime());
        if (holder == null || holder.isEmpty() || renew == null || acquire == null) {
            return new LeadershipView(null, acquire, renew, duration, null);
        }
        return new LeadershipView(holder, acquire, renew, duration, previousRenewTime(lease));
    }

    private static Instant previousRenewTime(Lease lease) {
        Map<String, String> annotations = lease.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(Labels.PREVIOUS_RENEW_TIME_ANNOTATION);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static Instant instant(ZonedDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static ZonedDateTime utc(Instant instant) {
        return instant == null ? null : instant.atZone(ZoneOffset.UTC);
    }

    private Resource<Lease> resource() {
        return client.leases().inNamespace(namespace).withName(name);
    }
}
