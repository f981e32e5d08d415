package io.github.mssqlk8s.job;

import io.github.mssqlk8s.kube.MirroringCertificateSecret;
import io.github.mssqlk8s.kube.MirroringCertificateSecret.Contents;
import io.github.mssqlk8s.kube.StoredCertificate;
import io.github.mssqlk8s.sql.Certificates;
import io.github.mssqlk8s.sql.MirroringEndpoint;
import io.github.mssqlk8s.sql.SqlSession;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Replaces the namespace's shared mirroring certificate without disconnecting any replica, in three stages over
 * every instance: (1) the new certificate is imported everywhere, so every endpoint trusts it; (2) each endpoint
 * switches to it, while the old one is still trusted everywhere; (3) only when all have switched is the old one
 * dropped. The Secret records the stage (the {@code next} certificate, then the {@code retired} name), so a run
 * killed at any point resumes where it stopped.
 */
final class CertificateRotation {

    static final String STEP = "rotate certificate";

    private final String namespace;
    private final MirroringCertificateSecret secret;
    private final LongFunction<String> certificateName;
    private final Supplier<String> newPassword;
    private final Redaction redaction;
    private final JobLog log;
    private final StepHook hook;

    CertificateRotation(String namespace, MirroringCertificateSecret secret, LongFunction<String> certificateName,
            Supplier<String> newPassword, Redaction redaction, JobLog log, StepHook hook) {
        this.namespace = namespace;
        this.secret = secret;
        this.certificateName = certificateName;
        this.newPassword = newPassword;
        this.redaction = redaction;
        this.log = log;
        this.hook = hook;
    }

    /**
     * @param own       the instance the new certificate is made on
     * @param instances every instance that holds the shared certificate, by name, as sa
     */
    void run(String own, Map<String, SqlSession> instances) throws JobFailure {
        Contents contents = secret.read(namespace).orElseThrow(() -> new JobFailure(STEP,
                "the Secret " + secret.secretName() + " does not exist yet: init-sql creates it"));
        StoredCertificate target;
        String old;
        if (contents.retired().isPresent()) {
            target = contents.current();
            old = contents.retired().get();
            log.info("resuming: dropping the retired certificate " + old);
        } else {
            old = contents.current().name();
            target = contents.next().isPresent() ? contents.next().get() : createNext(contents, instances.get(own));
        }
        for (Map.Entry<String, SqlSession> instance : instances.entrySet()) {
            step("trust " + target.name() + " on " + instance.getKey(), () -> {
                if (CertificateInstaller.install(instance.getValue(), target, STEP)) {
                    log.info("imported the certificate " + target.name() + " on " + instance.getKey());
                }
            });
        }
        for (Map.Entry<String, SqlSession> instance : instances.entrySet()) {
            step("switch the endpoint of " + instance.getKey() + " to " + target.name(),
                    () -> switchEndpoint(instance.getKey(), instance.getValue(), target.name()));
        }
        if (contents.retired().isEmpty()) {
            step("record " + target.name() + " as the shared certificate",
                    () -> secret.write(namespace, new Contents(target, Optional.empty(), Optional.of(old))));
        }
        for (Map.Entry<String, SqlSession> instance : instances.entrySet()) {
            step("drop " + old + " on " + instance.getKey(), () -> dropOld(instance.getKey(), instance.getValue(), old));
        }
        step("forget " + old, () -> secret.write(namespace, Contents.of(target)));
    }

    private StoredCertificate createNext(Contents contents, SqlSession own) throws JobFailure {
        long serial = contents.current().serial() + 1;
        StoredCertificate next = JobSteps.run(STEP, redaction, () -> SharedCertificate.exportNew(own,
                certificateName.apply(serial), serial, newPassword, redaction));
        step("create " + next.name(), () -> secret.write(namespace, new Contents(contents.current(), Optional.of(next),
                Optional.empty())));
        log.info("created the new mirroring certificate " + next.name());
        return next;
    }

    private void switchEndpoint(String name, SqlSession session, String certificate) throws SQLException {
        MirroringEndpoint endpoints = new MirroringEndpoint(session);
        Optional<MirroringEndpoint.Installed> endpoint = endpoints.find();
        if (endpoint.isEmpty()) {
            log.info(name + " has no mirroring endpoint yet; its init-sql Job creates it with the shared certificate");
        } else if (!certificate.equalsIgnoreCase(endpoint.get().certificate())) {
            endpoints.alter(endpoint.get().name(), endpoint.get().port(), certificate);
            log.info("the endpoint of " + name + " authenticates with " + certificate);
        }
    }

    private void dropOld(String name, SqlSession session, String old) throws SQLException {
        Certificates certificates = new Certificates(session);
        if (certificates.find(old).isPresent()) {
            certificates.drop(old);
            log.info("dropped the old certificate " + old + " on " + name);
        }
    }

    /** A step's work. */
    @FunctionalInterface
    interface Work {
        void run() throws SQLException, JobFailure;
    }

    private void step(String name, Work work) throws JobFailure {
        JobSteps.run(STEP, redaction, () -> {
            work.run();
            return null;
        });
        hook.completed(name);
    }
}
