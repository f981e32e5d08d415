package io.github.mssqlk8s.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A key of a Secret in the resource's namespace. */
public class SecretKeyRef {

    /** A Secret name (DNS subdomain) and a Secret data key. */
    static final String SECRET_NAME_PATTERN = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";
    static final String SECRET_KEY_PATTERN = "^[-._a-zA-Z0-9]+$";

    @Required
    @Pattern(SECRET_NAME_PATTERN)
    private String name;

    @Required
    @Pattern(SECRET_KEY_PATTERN)
    private String key;

    public SecretKeyRef() {
    }

    public SecretKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
