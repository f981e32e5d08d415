package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * The simulator's encoding of {@code CERTENCODED} and {@code CERTPRIVATEKEY} blobs. Not real X.509/PVK: a
 * certificate is its identity, subject and dates; the private key is XOR-ed with a password-derived key
 * stream and carries a check value, so importing it with the wrong password fails.
 */
final class CertificateBlobs {

    private static final byte[] CERT_MAGIC = "SIMCERT1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_MAGIC = "SIMPKEY1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    record PublicPart(byte[] identity, String subject, LocalDateTime start, LocalDateTime expiry) {
    }

    private CertificateBlobs() {
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static byte[] encodePublic(Certificate c) {
        byte[] subject = c.subject.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(CERT_MAGIC.length + 16 + 16 + subject.length)
                .put(CERT_MAGIC).put(c.identity)
                .putLong(c.startDate.toEpochSecond(ZoneOffset.UTC)).putLong(c.expiryDate.toEpochSecond(ZoneOffset.UTC))
                .put(subject).array();
    }

    static PublicPart decodePublic(byte[] blob) throws SimSqlException {
        if (blob.length < CERT_MAGIC.length + 32 || !Arrays.equals(Arrays.copyOf(blob, CERT_MAGIC.length), CERT_MAGIC)) {
            throw invalid();
        }
        ByteBuffer in = ByteBuffer.wrap(blob, CERT_MAGIC.length, blob.length - CERT_MAGIC.length);
        byte[] identity = new byte[16];
        in.get(identity);
        LocalDateTime start = LocalDateTime.ofEpochSecond(in.getLong(), 0, ZoneOffset.UTC);
        LocalDateTime expiry = LocalDateTime.ofEpochSecond(in.getLong(), 0, ZoneOffset.UTC);
        byte[] subject = new byte[in.remaining()];
        in.get(subject);
        return new PublicPart(identity, new String(subject, StandardCharsets.UTF_8), start, expiry);
    }

    static byte[] encodePrivate(Certificate c, String password) {
        byte[] salt = random(8);
        byte[] stream = digest("key", password, salt, new byte[0]);
        byte[] encrypted = xor(c.privateKey, stream);
        byte[] check = Arrays.copyOf(digest("check", password, salt, concat(c.privateKey, c.identity)), 8);
        return ByteBuffer.allocate(KEY_MAGIC.length + 8 + encrypted.length + 8)
                .put(KEY_MAGIC).put(salt).put(encrypted).put(check).array();
    }

    /** Decrypts a private key blob for a certificate with this identity; fails on a wrong password. */
    static byte[] decodePrivate(byte[] blob, String password, byte[] identity) throws SimSqlException {
        if (blob.length != KEY_MAGIC.length + 8 + 32 + 8 || !Arrays.equals(Arrays.copyOf(blob, KEY_MAGIC.length), KEY_MAGIC)) {
            throw invalid();
        }
        byte[] salt = Arrays.copyOfRange(blob, 8, 16);
        byte[] encrypted = Arrays.copyOfRange(blob, 16, 48);
        byte[] check = Arrays.copyOfRange(blob, 48, 56);
        byte[] key = xor(encrypted, digest("key", password, salt, new byte[0]));
        byte[] expected = Arrays.copyOf(digest("check", password, salt, concat(key, identity)), 8);
        if (!MessageDigest.isEqual(check, expected)) {
            throw Errors.of(15466, 16, "An error occurred during decryption.");
        }
        return key;
    }

    private static SimSqlException invalid() {
        return Errors.of(15297, 16, "The certificate, asymmetric key, or private key data is invalid.");
    }

    private static byte[] digest(String purpose, String password, byte[] salt, byte[] extra) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(purpose.getBytes(StandardCharsets.US_ASCII));
            md.update(password.getBytes(StandardCharsets.UTF_16LE));
            md.update(salt);
            md.update(extra);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i % b.length]);
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
