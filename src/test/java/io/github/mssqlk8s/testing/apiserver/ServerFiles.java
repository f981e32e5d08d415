package io.github.mssqlk8s.testing.apiserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The files an API server of our own needs, in a fresh folder: the key that signs ServiceAccount tokens and the
 * static token of the test harness's administrator ({@code system:masters}). The serving certificate is the
 * self-signed one kube-apiserver writes into its {@code --cert-dir} itself.
 */
record ServerFiles(Path directory, Path serviceAccountKey, Path tokens, String adminToken) {

    static ServerFiles create(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path key = directory.resolve("sa.key");
        Files.writeString(key, pkcs8Pem());
        String adminToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        Path tokens = directory.resolve("tokens.csv");
        Files.writeString(tokens, adminToken + ",apitest-admin,apitest-admin,\"system:masters\"\n");
        return new ServerFiles(directory, key, tokens, adminToken);
    }

    /** A free TCP port on loopback (another process may take it before we do; the start then fails clearly). */
    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String pkcs8Pem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
