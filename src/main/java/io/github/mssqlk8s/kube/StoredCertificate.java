package io.github.mssqlk8s.kube;

import java.util.Arrays;

/**
 * A mirroring certificate as kept in its Secret: its name in master, serial (the rotation count), public part,
 * private key and the password that key is encrypted with. {@link #toString()} shows neither key nor password.
 */
public record StoredCertificate(String name, long serial, byte[] certificate, byte[] privateKey, String privateKeyPassword) {

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredCertificate that && name.equals(that.name) && serial == that.serial
                && Arrays.equals(certificate, that.certificate) && Arrays.equals(privateKey, that.privateKey)
                && privateKeyPassword.equals(that.privateKeyPassword);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(certificate);
    }

    @Override
    public String toString() {
        return "StoredCertificate[" + name + ", serial " + serial + "]";
    }
}
