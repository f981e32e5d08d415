package io.github.mssqlk8s.sim.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;

/**
 * A certificate in master. {@code identity} stands for the public key: two instances that hold certificates
 * with the same identity trust each other's endpoint authentication.
 */
final class Certificate {

    final String name;
    final int id;
    final byte[] identity;
    final String subject;
    final LocalDateTime startDate;
    final LocalDateTime expiryDate;
    /** Null when only the public part was imported. */
    final byte[] privateKey;

    Certificate(String name, int id, byte[] identity, String subject, LocalDateTime startDate,
            LocalDateTime expiryDate, byte[] privateKey) {
        this.name = name;
        this.id = id;
        this.identity = identity;
        this.subject = subject;
        this.startDate = startDate;
        this.expiryDate = expiryDate;
        this.privateKey = privateKey;
    }

    byte[] thumbprint() {
        try {
            return MessageDigest.getInstance("SHA-1").digest(identity);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
