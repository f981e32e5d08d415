package io.github.mssqlk8s.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.config.InstanceConnectionSettings;
import io.github.mssqlk8s.config.RotateCredsSettings;
import io.github.mssqlk8s.job.JobFailure;
import io.github.mssqlk8s.job.JobLog;
import io.github.mssqlk8s.job.RotateCreds;
import io.github.mssqlk8s.job.StepHook;
import io.github.mssqlk8s.kube.MirroringCertificateSecret;
import io.github.mssqlk8s.kube.SecretValues;
import io.github.mssqlk8s.kube.SqlServers;
import io.github.mssqlk8s.naming.EnvironmentVariables;
import io.github.mssqlk8s.naming.Names;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The rotate-creds Job: exits 0 when every credential is rotated, else 1 with one line naming the step. */
@Command(name = "rotate-creds", description = "Job: rotate passwords, master key and certificate.")
public class RotateCredsCommand implements Callable<Integer> {

    static final String APPLICATION_NAME = "mssql-k8s-rotate-creds";

    @Spec
    CommandSpec spec;

    @Inject
    KubernetesClient client;

    @Inject
    RotateCredsSettings settings;

    @Inject
    InstanceConnectionSettings connection;

    @Override
    public Integer call() {
        Optional<String> missing = missingSetting();
        if (missing.isPresent()) {
            return fail("configuration", missing.get() + " is not set");
        }
        String namespace = settings.namespace().filter(name -> !name.isBlank()).orElseGet(client::getNamespace);
        RotateCreds.Settings jobSettings = new RotateCreds.Settings(namespace, settings.effectiveSqlServerName().get(),
                settings.effectiveCurrentSaPassword().get(), settings.newSaPassword().get(),
                settings.masterKeyPassword().filter(password -> !password.isEmpty()), settings.rotateCert(),
                Names::mirroringCertificate, Duration.ofSeconds(connection.queryTimeoutSeconds()));
        SecretValues secrets = new SecretValues(client);
        RotateCreds job = new RotateCreds(jobSettings, JobWiring.podDns(namespace, connection, APPLICATION_NAME),
                new SqlServers(client), secrets, new MirroringCertificateSecret(secrets), JobWiring.passwords(),
                JobLog.of("rotate-creds"), StepHook.NONE);
        try {
            job.run();
            return 0;
        } catch (JobFailure failed) {
            return fail(failed.step(), failed.reason());
        }
    }

    private Optional<String> missingSetting() {
        if (settings.effectiveSqlServerName().isEmpty()) {
            return Optional.of(EnvironmentVariables.SQL_SERVER_NAME + " (or " + EnvironmentVariables.STATEFULSET_NAME + ")");
        }
        if (settings.effectiveCurrentSaPassword().isEmpty()) {
            return Optional.of(EnvironmentVariables.CURRENT_SA_PASSWORD + " (or " + EnvironmentVariables.SA_PASSWORD + ")");
        }
        if (settings.newSaPassword().filter(password -> !password.isEmpty()).isEmpty()) {
            return Optional.of(EnvironmentVariables.NEW_SA_PASSWORD);
        }
        return Optional.empty();
    }

    private int fail(String step, String reason) {
        spec.commandLine().getErr().println("rotate-creds: " + step + ": " + reason);
        return 1;
    }
}
