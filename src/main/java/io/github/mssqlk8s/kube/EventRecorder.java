package io.github.mssqlk8s.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Writes Kubernetes Events about an object, the way {@code kubectl describe} shows them. Best effort: an Event
 * that cannot be written is logged, never allowed to fail the work it describes. Callers pass only sentences
 * that are safe to show (no secret values).
 */
public class EventRecorder {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final KubernetesClient client;
    private final String component;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, String component, Clock clock) {
        this.client = client;
        this.component = component;
        this.clock = clock;
    }

    public void record(HasMetadata regarding, String type, String reason, String message) {
        Instant now = clock.instant();
        String name = regarding.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli())
                + Long.toHexString(SEQUENCE.incrementAndGet());
        Event event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(regarding.getMetadata().getNamespace()).endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(regarding.getApiVersion())
                .withKind(regarding.getKind())
                .withName(regarding.getMetadata().getName())
                .withNamespace(regarding.getMetadata().getNamespace())
                .withUid(regarding.getMetadata().getUid())
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(now.toString())
                .withLastTimestamp(now.toString())
                .withCount(1)
                .withNewSource().withComponent(component).endSource()
                .build();
        try {
            client.v1().events().inNamespace(regarding.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException notWritten) {
            LOG.warnf("Event %s on %s/%s not written: %s", reason, regarding.getKind(), regarding.getMetadata().getName(),
                    notWritten.getMessage());
        }
    }
}
