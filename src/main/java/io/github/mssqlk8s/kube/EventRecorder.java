package io.github.mssqlk8s.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * Writes Kubernetes Events about an object, the way {@code kubectl describe} shows them. The same event (object,
 * component, type, reason, message) told again is one series, as client-go's event correlator makes it: one Event
 * whose count and lastTimestamp move, not a new object per call. Its name is derived from what it says, so the
 * series holds across processes and restarts (until the API server's event TTL removes it). Best effort: an Event
 * that cannot be written is logged, never allowed to fail the work it describes. Callers pass only sentences that
 * are safe to show (no secret values).
 */
public class EventRecorder {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final int CONFLICT = 409;

    private final KubernetesClient client;
    private final String component;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, String component, Clock clock) {
        this.client = client;
        this.component = component;
        this.clock = clock;
    }

    public void record(HasMetadata regarding, String type, String reason, String message) {
        String now = clock.instant().toString();
        String namespace = regarding.getMetadata().getNamespace();
        String name = seriesName(regarding, type, reason, message);
        Event event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(regarding.getApiVersion())
                .withKind(regarding.getKind())
                .withName(regarding.getMetadata().getName())
                .withNamespace(namespace)
                .withUid(regarding.getMetadata().getUid())
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent(component).endSource()
                .build();
        try {
            try {
                client.v1().events().inNamespace(namespace).resource(event).create();
            } catch (KubernetesClientException exists) {
                if (exists.getCode() != CONFLICT) {
                    throw exists;
                }
                countAgain(namespace, name, now);
            }
        } catch (KubernetesClientException notWritten) {
            LOG.warnf("Event %s on %s/%s not written: %s", reason, regarding.getKind(), regarding.getMetadata().getName(),
                    notWritten.getMessage());
        }
    }

    /** The series exists: one more occurrence, now. A race between two writers may lose one count; no more. */
    private void countAgain(String namespace, String name, String now) {
        Event existing = client.v1().events().inNamespace(namespace).withName(name).get();
        if (existing == null) {
            return; // expired between the two calls: the next occurrence starts a new series
        }
        int count = existing.getCount() == null ? 1 : existing.getCount();
        client.v1().events().inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"count\":" + (count + 1) + ",\"lastTimestamp\":\"" + now + "\"}");
    }

    /** The object's name and a digest of what the Event says: a valid name, equal for equal Events. */
    private String seriesName(HasMetadata regarding, String type, String reason, String message) {
        String said = String.join("\u0000", regarding.getKind(), String.valueOf(regarding.getMetadata().getUid()),
                component, type, reason, String.valueOf(message));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(said.getBytes(StandardCharsets.UTF_8));
            String object = regarding.getMetadata().getName();
            // An object name may have 253 characters, as may the Event's: keep room for the digest.
            return object.substring(0, Math.min(object.length(), 236)) + "." + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
