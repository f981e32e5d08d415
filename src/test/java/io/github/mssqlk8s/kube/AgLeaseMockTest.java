package io.github.mssqlk8s.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.mssqlk8s.ha.LeadershipView;
import io.github.mssqlk8s.naming.Labels;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The AG's Lease against the mock API server: one holder at a time, renewals by the holder only, hand-over times. */
@EnableKubernetesMockClient(crud = true, https = false)
class AgLeaseMockTest {

    static KubernetesClient client;

    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private AgLease lease(String ag) {
        return new AgLease(client, client.getNamespace(), ag, LEASE);
    }

    @Test
    void aFreeLeaseIsTakenOnceAndOnlyItsHolderRenewsIt() {
        AgLease lease = lease("aglease1");
        assertThat(lease.read().isHeld(T0)).isFalse();

        LeadershipView taken = lease.acquire("mssql1", T0).orElseThrow();
        assertThat(taken.holder()).isEqualTo("mssql1");
        assertThat(taken.acquireTime()).isEqualTo(T0);
        assertThat(taken.previousRenewTime()).isNull();
        assertThat(lease("aglease1").acquire("mssql2", T0.plusSeconds(1))).as("held by mssql1").isEmpty();
        assertThat(lease.renew("mssql2", T0.plusSeconds(1))).as("not the holder").isEmpty();

        LeadershipView renewed = lease.renew("mssql1", T0.plusSeconds(2)).orElseThrow();
        assertThat(renewed.renewTime()).isEqualTo(T0.plusSeconds(2));
        assertThat(renewed.acquireTime()).isEqualTo(T0);
        Lease stored = client.leases().withName("aglease1-leader").get();
        assertThat(stored.getSpec().getLeaseDurationSeconds()).isEqualTo(4);
        assertThat(stored.getMetadata().getLabels()).containsEntry(Labels.MANAGED_BY, Labels.MANAGED_BY_US);
    }

    @Test
    void anExpiredLeaseIsTakenOverAndThePreviousRenewalIsKept() {
        AgLease lease = lease("aglease2");
        lease.acquire("mssql1", T0).orElseThrow();
        lease.renew("mssql1", T0.plusSeconds(1)).orElseThrow();

        LeadershipView seenExpired = lease.read();
        LeadershipView taken = lease.acquire("mssql2", T0.plusSeconds(6), seenExpired).orElseThrow();

        assertThat(taken.holder()).isEqualTo("mssql2");
        assertThat(taken.previousRenewTime()).isEqualTo(T0.plusSeconds(1));
        assertThat(lease.read().previousRenewTime()).as("kept for a holder that restarts").isEqualTo(T0.plusSeconds(1));
        assertThat(lease.renew("mssql1", T0.plusSeconds(6))).as("the former holder").isEmpty();
        assertThat(client.leases().withName("aglease2-leader").get().getSpec().getLeaseTransitions()).isEqualTo(2);
    }

    /** F1: the Lease is taken only while it is the very record the taker saw expire on its own clock. */
    @Test
    void aRenewalTheTakerHasNotSeenKeepsTheLease() {
        AgLease lease = lease("aglease5");
        lease.acquire("mssql1", T0).orElseThrow();
        LeadershipView seenExpired = lease.read();
        lease.renew("mssql1", T0.plusSeconds(1)).orElseThrow();

        assertThat(lease.acquire("mssql2", T0.plusSeconds(60), seenExpired)).as("renewed since it was seen").isEmpty();
        assertThat(lease.acquire("mssql2", T0.plusSeconds(60))).as("held, and no record seen expiring").isEmpty();
        assertThat(lease.read().holder()).isEqualTo("mssql1");
    }

    @Test
    void aReleasedLeaseIsFreeAtOnceForTheNextHolder() {
        AgLease lease = lease("aglease3");
        lease.acquire("mssql1", T0).orElseThrow();

        assertThat(lease.release("mssql2")).as("not the holder: nothing to do").isTrue();
        assertThat(lease.read().holder()).isEqualTo("mssql1");
        assertThat(lease.release("mssql1")).isTrue();

        assertThat(lease.read().isHeld(T0.plusSeconds(1))).isFalse();
        LeadershipView taken = lease.acquire("mssql2", T0.plusSeconds(1)).orElseThrow();
        assertThat(taken.previousRenewTime()).isEqualTo(T0);
    }

    @Test
    void ofTwoAgentsRacingForAFreeLeaseOneWins() throws Exception {
        AgLease first = lease("aglease4");
        AgLease second = lease("aglease4");
        first.acquire("mssql1", T0).orElseThrow();
        first.release("mssql1");

        var a = java.util.concurrent.CompletableFuture.supplyAsync(() -> first.acquire("mssql2", T0.plusSeconds(1)));
        var b = java.util.concurrent.CompletableFuture.supplyAsync(() -> second.acquire("mssql3", T0.plusSeconds(1)));
        int winners = (a.get().isPresent() ? 1 : 0) + (b.get().isPresent() ? 1 : 0);

        assertThat(winners).isEqualTo(1);
        String holder = first.read().holder();
        assertThat(holder).isIn("mssql2", "mssql3");
        assertThat((holder.equals("mssql2") ? a : b).get()).isPresent();
    }
}
