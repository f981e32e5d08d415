package io.github.mssqlk8s.resources;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.github.mssqlk8s.api.SecretKeyRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.naming.Volumes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Secrets the operator generates once and never overwrites: the agents' login and, if needed, a master key password. */
public final class GeneratedSecrets {

    /** The SQL login the agents use; its permissions are granted by init-sql (no sysadmin). */
    public static final String AGENT_LOGIN_NAME = "mssql_k8s_agent";

    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "-_.+=";
    private static final int PASSWORD_LENGTH = 32;

    private GeneratedSecrets() {
    }

    public static Secret agentLogin(SqlServer sqlServer, String password) {
        return new SecretBuilder()
                .withMetadata(Ownership.metadata(sqlServer, Names.agentLoginSecret(sqlServer), Components.AGENTS))
                .withType("Opaque")
                .withData(Map.of(Volumes.USERNAME_KEY, base64(AGENT_LOGIN_NAME), Volumes.PASSWORD_KEY, base64(password)))
                .build();
    }

    public static Secret masterKey(SqlServer sqlServer, String password) {
        return new SecretBuilder()
                .withMetadata(Ownership.metadata(sqlServer, Names.generatedMasterKeySecret(sqlServer), Components.DATABASE))
                .withType("Opaque")
                .withData(Map.of(Volumes.MASTER_KEY_PASSWORD_KEY, base64(password)))
                .build();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Where the master key password is: the resource's reference, or the generated Secret. */
    public static SecretKeyRef masterKeyPasswordRef(SqlServer sqlServer) {
        if (sqlServer.getSpec().getMasterKeyPassword() != null) {
            return sqlServer.getSpec().getMasterKeyPassword().getSecretKeyRef();
        }
        return new SecretKeyRef(Names.generatedMasterKeySecret(sqlServer), Volumes.MASTER_KEY_PASSWORD_KEY);
    }

    /**
     * A password SQL Server's policy accepts (upper, lower, digit and symbol, 32 characters), from the given
     * generator: pass a {@link java.security.SecureRandom}.
     */
    public static String newPassword(RandomGenerator random) {
        String all = UPPER + LOWER + DIGITS + SYMBOLS;
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (String required : new String[] {UPPER, LOWER, DIGITS, SYMBOLS}) {
            password.append(required.charAt(random.nextInt(required.length())));
        }
        while (password.length() < PASSWORD_LENGTH) {
            password.append(all.charAt(random.nextInt(all.length())));
        }
        // Shuffle so the required classes are not always in front.
        for (int i = password.length() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char swap = password.charAt(i);
            password.setCharAt(i, password.charAt(j));
            password.setCharAt(j, swap);
        }
        return password.toString();
    }
}
