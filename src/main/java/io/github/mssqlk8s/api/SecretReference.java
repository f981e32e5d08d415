package io.github.mssqlk8s.api;

import io.fabric8.generator.annotation.Required;

/** The preview's {@code {secretKeyRef: {name, key}}} stanza. */
public class SecretReference {

    @Required
    private SecretKeyRef secretKeyRef;

    public SecretReference() {
    }

    public SecretReference(String name, String key) {
        this.secretKeyRef = new SecretKeyRef(name, key);
    }

    public SecretKeyRef getSecretKeyRef() {
        return secretKeyRef;
    }

    public void setSecretKeyRef(SecretKeyRef secretKeyRef) {
        this.secretKeyRef = secretKeyRef;
    }
}
