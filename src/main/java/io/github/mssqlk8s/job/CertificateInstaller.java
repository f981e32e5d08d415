package io.github.mssqlk8s.job;

import io.github.mssqlk8s.kube.StoredCertificate;
import io.github.mssqlk8s.sql.Certificates;
import io.github.mssqlk8s.sql.MirroringEndpoint;
import io.github.mssqlk8s.sql.SqlSession;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;

/** Puts a stored mirroring certificate on one instance, unless that very certificate is there already. */
final class CertificateInstaller {

    private CertificateInstaller() {
    }

    /**
     * Imports the certificate with its private key. A different certificate of the same name (a Job that lost the
     * race to create the shared one) is replaced, unless the endpoint authenticates with it.
     *
     * @return whether anything changed
     */
    static boolean install(SqlSession session, StoredCertificate stored, String step) throws SQLException, JobFailure {
        Certificates certificates = new Certificates(session);
        Optional<byte[]> installed = certificates.encoded(stored.name());
        if (installed.isPresent() && Arrays.equals(installed.get(), stored.certificate())) {
            return false;
        }
        if (installed.isPresent()) {
            boolean inUse = new MirroringEndpoint(session).find()
                    .filter(endpoint -> stored.name().equalsIgnoreCase(endpoint.certificate())).isPresent();
            if (inUse) {
                throw new JobFailure(step, "the certificate " + stored.name() + " on this instance is not the shared one"
                        + " and the mirroring endpoint authenticates with it; rotate the certificate (rotate-creds with"
                        + " MSSQL_ROTATE_CERT=true) or drop the endpoint");
            }
            certificates.drop(stored.name());
        }
        certificates.importWithPrivateKey(stored.name(),
                new Certificates.Exported(stored.certificate(), stored.privateKey()), stored.privateKeyPassword());
        return true;
    }
}
