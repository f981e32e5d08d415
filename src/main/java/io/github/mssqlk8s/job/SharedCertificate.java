package io.github.mssqlk8s.job;

import io.github.mssqlk8s.kube.MirroringCertificateSecret;
import io.github.mssqlk8s.kube.MirroringCertificateSecret.Contents;
import io.github.mssqlk8s.kube.StoredCertificate;
import io.github.mssqlk8s.sql.Certificates;
import io.github.mssqlk8s.sql.SqlSession;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The one mirroring certificate of the namespace. The first Job to need it creates it on its instance, exports it
 * and creates the Secret; Kubernetes' create conflict decides between Jobs racing to do so, and the losers import
 * the winner's certificate (replacing the one they made, which nothing uses yet).
 */
final class SharedCertificate {

    static final String STEP = "mirroring certificate";

    private final MirroringCertificateSecret secret;
    private final String namespace;
    private final LongFunction<String> certificateName;
    private final Supplier<String> newPassword;
    private final JobLog log;
    private final Redaction redaction;

    SharedCertificate(MirroringCertificateSecret secret, String namespace, LongFunction<String> certificateName,
            Supplier<String> newPassword, JobLog log, Redaction redaction) {
        this.secret = secret;
        this.namespace = namespace;
        this.certificateName = certificateName;
        this.newPassword = newPassword;
        this.log = log;
        this.redaction = redaction;
    }

    /** Makes sure the shared certificate (and one being rolled out) is on the instance; returns the Secret's content. */
    Contents ensure(SqlSession session) throws SQLException, JobFailure {
        Optional<Contents> stored = secret.read(namespace);
        if (stored.isEmpty()) {
            StoredCertificate mine = exportNew(session, certificateName.apply(1), 1);
            if (secret.create(namespace, mine)) {
                log.info("created the shared mirroring certificate " + mine.name() + " and the Secret " + secret.secretName());
                return Contents.of(mine);
            }
            log.info("another init-sql Job created the Secret " + secret.secretName() + " first; using its certificate");
            stored = secret.read(namespace);
            if (stored.isEmpty()) {
                throw new JobFailure(STEP, "the Secret " + secret.secretName() + " exists but cannot be read");
            }
        }
        Contents contents = stored.get();
        if (CertificateInstaller.install(session, contents.current(), STEP)) {
            log.info("imported the shared mirroring certificate " + contents.current().name());
        }
        if (contents.next().isPresent() && CertificateInstaller.install(session, contents.next().get(), STEP)) {
            log.info("imported the certificate " + contents.next().get().name() + " a rotation is rolling out");
        }
        return contents;
    }

    /**
     * A new certificate of that name on this instance, exported with a fresh private-key password. A certificate
     * of that name left by an interrupted run is exported rather than made again.
     */
    StoredCertificate exportNew(SqlSession session, String name, long serial) throws SQLException {
        return exportNew(session, name, serial, newPassword, redaction);
    }

    static StoredCertificate exportNew(SqlSession session, String name, long serial, Supplier<String> newPassword,
            Redaction redaction) throws SQLException {
        Certificates certificates = new Certificates(session);
        if (certificates.find(name).filter(Certificates.Installed::hasPrivateKey).isEmpty()) {
            certificates.create(name, "mssql-k8s-agents mirroring certificate " + serial);
        }
        String password = newPassword.get();
        redaction.add(password);
        Certificates.Exported exported = certificates.export(name, password);
        return new StoredCertificate(name, serial, exported.certificate(), exported.privateKey(), password);
    }
}
