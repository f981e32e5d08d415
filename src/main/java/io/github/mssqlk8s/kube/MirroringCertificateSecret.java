package io.github.mssqlk8s.kube;

import io.github.mssqlk8s.naming.Names;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Secret {@code mssql-mirroring-certificate}: the one certificate every instance of the namespace's AGs
 * authenticates its endpoint with. During a rotation it also holds the {@code next} certificate (being rolled
 * out) or the {@code retired} one's name (being dropped), so a rotation killed half-way can be resumed.
 */
public class MirroringCertificateSecret {

    /** The Secret's content: the current certificate, and a rotation's progress. */
    public record Contents(StoredCertificate current, Optional<StoredCertificate> next, Optional<String> retired) {

        public static Contents of(StoredCertificate current) {
            return new Contents(current, Optional.empty(), Optional.empty());
        }
    }

    private static final String NEXT = "next-";
    private static final String RETIRED_NAME = "retired-name";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretValues secrets;

    public MirroringCertificateSecret(SecretValues secrets) {
        this.secrets = secrets;
    }

    public String secretName() {
        return Names.mirroringCertificateSecret();
    }

    public Optional<Contents> read(String namespace) {
        return secrets.read(namespace, secretName()).map(MirroringCertificateSecret::contents);
    }

    /** Creates the Secret with the first certificate; false when another Job created it first. */
    public boolean create(String namespace, StoredCertificate first) {
        return secrets.create(namespace, secretName(), values(Contents.of(first)));
    }

    public void write(String namespace, Contents contents) {
        secrets.update(namespace, secretName(), old -> values(contents));
    }

    private static Contents contents(Map<String, String> values) {
        return new Contents(certificate(values, ""),
                values.containsKey(NEXT + "name") ? Optional.of(certificate(values, NEXT)) : Optional.empty(),
                Optional.ofNullable(values.get(RETIRED_NAME)));
    }

    private static StoredCertificate certificate(Map<String, String> values, String prefix) {
        return new StoredCertificate(required(values, prefix + "name"), Long.parseLong(required(values, prefix + "serial")),
                HEX.parseHex(required(values, prefix + "certificate")), HEX.parseHex(required(values, prefix + "private-key")),
                required(values, prefix + "private-key-password"));
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("the Secret " + Names.mirroringCertificateSecret() + " has no key " + key);
        }
        return value;
    }

    private static Map<String, String> values(Contents contents) {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "", contents.current());
        contents.next().ifPresent(next -> put(values, NEXT, next));
        contents.retired().ifPresent(name -> values.put(RETIRED_NAME, name));
        return values;
    }

    private static void put(Map<String, String> values, String prefix, StoredCertificate certificate) {
        values.put(prefix + "name", certificate.name());
        values.put(prefix + "serial", Long.toString(certificate.serial()));
        values.put(prefix + "certificate", HEX.formatHex(certificate.certificate()));
        values.put(prefix + "private-key", HEX.formatHex(certificate.privateKey()));
        values.put(prefix + "private-key-password", certificate.privateKeyPassword());
    }
}
