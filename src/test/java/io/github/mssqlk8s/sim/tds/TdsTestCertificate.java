package io.github.mssqlk8s.sim.tds;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The committed test certificate (CN=localhost, SAN localhost and 127.0.0.1, valid for 100 years) and
 * its truststore, for {@code encrypt=true} connections to the simulator. Test material only.
 */
public final class TdsTestCertificate {

    /** The password of both keystores. */
    public static final String PASSWORD = "simtds";
    private static final String KEYSTORE = "/sim/tds-server.p12";
    private static final String TRUSTSTORE = "/sim/tds-truststore.p12";

    private TdsTestCertificate() {
    }

    /** The server side: an SSLContext holding the test key. */
    public static SSLContext serverContext() {
        try (InputStream in = TdsTestCertificate.class.getResourceAsStream(KEYSTORE)) {
            if (in == null) {
                throw new IllegalStateException(KEYSTORE + " is missing from the test classpath");
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the simulator's test certificate", e);
        }
    }

    /** The truststore file, for the JDBC URL ({@code trustStore=…;trustStorePassword=simtds}). */
    public static Path trustStore() {
        URL url = TdsTestCertificate.class.getResource(TRUSTSTORE);
        if (url == null) {
            throw new IllegalStateException(TRUSTSTORE + " is missing from the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDBC URL properties for an encrypted, certificate-checked connection to the simulator. */
    public static String jdbcProperties() {
        return "encrypt=true;trustServerCertificate=false;hostNameInCertificate=localhost;trustStore="
                + trustStore() + ";trustStorePassword=" + PASSWORD + ";trustStoreType=PKCS12";
    }
}
