package io.github.mssqlk8s.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.mssqlk8s.naming.Labels;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads and writes Secret values as text, by name only ({@code get}, {@code update}, {@code create}: what the
 * Jobs' Roles allow). Updates read the Secret, change it and write it back with its resourceVersion, retrying
 * when someone else wrote in between. Values never appear in exceptions or logs.
 */
public class SecretValues {

    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;

    public SecretValues(KubernetesClient client) {
        this.client = client;
    }

    public Optional<String> get(String namespace, SecretKey key) {
        return read(namespace, key.secret()).map(values -> values.get(key.key()));
    }

    /** Every key of the Secret, decoded; empty when the Secret does not exist. */
    public Optional<Map<String, String>> read(String namespace, String name) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        return Optional.ofNullable(secret).map(SecretValues::decode);
    }

    /** Sets one key; the Secret must exist. */
    public void put(String namespace, SecretKey key, String value) {
        update(namespace, key.secret(), values -> {
            values.put(key.key(), value);
            return values;
        });
    }

    /** Replaces the Secret's data with what {@code change} makes of it; no write when nothing changed. */
    public void update(String namespace, String name, UnaryOperator<Map<String, String>> change) {
        for (int attempt = 1; ; attempt++) {
            Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
            if (secret == null) {
                throw new IllegalStateException("the Secret " + name + " does not exist");
            }
            Map<String, String> before = decode(secret);
            Map<String, String> after = change.apply(new LinkedHashMap<>(before));
            if (after.equals(before)) {
                return;
            }
            Secret changed = new SecretBuilder(secret).withData(encode(after)).withStringData(null).build();
            try {
                client.secrets().inNamespace(namespace).resource(changed).update();
                return;
            } catch (KubernetesClientException conflict) {
                if (conflict.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }

    /** Creates the Secret; false when one of that name exists already (somebody else won). */
    public boolean create(String namespace, String name, Map<String, String> values) {
        Secret secret = new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_US).endMetadata()
                .withType("Opaque")
                .withData(encode(values))
                .build();
        try {
            client.secrets().inNamespace(namespace).resource(secret).create();
            return true;
        } catch (KubernetesClientException exists) {
            if (exists.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return false;
            }
            throw exists;
        }
    }

    private static Map<String, String> decode(Secret secret) {
        Map<String, String> values = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) ->
                    values.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        return values;
    }

    private static Map<String, String> encode(Map<String, String> values) {
        Map<String, String> data = new LinkedHashMap<>();
        values.forEach((key, value) ->
                data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return data;
    }
}
