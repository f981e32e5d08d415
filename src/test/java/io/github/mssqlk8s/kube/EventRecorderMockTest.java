package io.github.mssqlk8s.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Review finding C: the same Event told again is one series (count and last time), not a new object per call. */
@EnableKubernetesMockClient(crud = true, https = false)
class EventRecorderMockTest {

    static KubernetesClient client;

    /** The mock server lives as long as the class: a namespace per test keeps their Events apart. */
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final String namespace = "ns" + NAMESPACES.incrementAndGet();
    private final ConfigMap regarding = new ConfigMapBuilder().withNewMetadata().withName("mssql1").withNamespace(namespace)
            .withUid("uid-1").endMetadata().build();

    @Test
    void theSameEventToldThreeTimesIsOneEventCountedThreeTimes() {
        recorder("2026-12-03T10:00:00Z").record(regarding, EventRecorder.WARNING, "SecretNotFound", "spec.saPassword names 'x'.");
        recorder("2026-12-03T10:00:05Z").record(regarding, EventRecorder.WARNING, "SecretNotFound", "spec.saPassword names 'x'.");
        // another process (a restarted pod) continues the same series
        recorder("2026-12-03T10:00:09Z").record(regarding, EventRecorder.WARNING, "SecretNotFound", "spec.saPassword names 'x'.");

        assertThat(events()).singleElement().satisfies(event -> {
            assertThat(event.getCount()).isEqualTo(3);
            assertThat(event.getFirstTimestamp()).isEqualTo("2026-12-03T10:00:00Z");
            assertThat(event.getLastTimestamp()).isEqualTo("2026-12-03T10:00:09Z");
            assertThat(event.getInvolvedObject().getName()).isEqualTo("mssql1");
        });
    }

    @Test
    void anotherReasonOrMessageIsAnotherEvent() {
        EventRecorder recorder = recorder("2026-12-03T10:00:00Z");
        recorder.record(regarding, EventRecorder.WARNING, "SecretNotFound", "one");
        recorder.record(regarding, EventRecorder.WARNING, "SecretNotFound", "two");
        recorder.record(regarding, EventRecorder.NORMAL, "Found", "one");

        assertThat(events()).hasSize(3).allSatisfy(event -> assertThat(event.getCount()).isEqualTo(1))
                .extracting(event -> event.getMetadata().getName()).allMatch(name -> name.startsWith("mssql1."));
    }

    private EventRecorder recorder(String now) {
        return new EventRecorder(client, "test", Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    private List<Event> events() {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .sorted(Comparator.comparing(event -> event.getMetadata().getName())).toList();
    }
}
