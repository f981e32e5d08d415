package io.github.mssqlk8s.kube;

/** One key of a Secret in the namespace at hand. */
public record SecretKey(String secret, String key) {

    /** "Secret sql-secrets key sapassword", for messages (never the value). */
    public String describe() {
        return "Secret " + secret + " key " + key;
    }
}
