package io.github.mssqlk8s.cli.kubectl;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.github.mssqlk8s.api.SecretKeyRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.kube.ClusterConnection;
import io.github.mssqlk8s.kube.JobOutcome;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.resources.RotateCredsJob;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Creates a rotate-creds Job for an instance and follows it. Passwords are named by Secret and key, never given
 * on the command line: the Job reads them through Secret references.
 */
@Command(name = "rotate-creds", description = "Rotate an instance's sa password (and certificate) with a Job; follow it.")
public class RotateCredsCliCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    KubernetesClient client;

    @Mixin
    NamespaceOption namespace;

    @Parameters(index = "0", paramLabel = "SQLSERVER", description = "The SqlServer resource (instance).")
    String sqlServerName;

    @Option(names = "--new-sa-password", required = true, paramLabel = "SECRET:KEY",
            description = "The Secret and key holding the new sa password.")
    String newSaPassword;

    @Option(names = "--current-sa-password", paramLabel = "SECRET:KEY",
            description = "Where the current sa password is (default: the resource's saPassword).")
    String currentSaPassword;

    @Option(names = "--master-key-password", paramLabel = "SECRET:KEY",
            description = "The master key password (default: the resource's, or the generated one).")
    String masterKeyPassword;

    @Option(names = "--rotate-cert", description = "Also replace the mirroring certificate.")
    boolean rotateCertificate;

    @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long to follow the Job (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    Duration pollInterval = Duration.ofSeconds(1);
    Clock clock = Clock.systemUTC();

    /** Ends the command with one line on standard error. */
    private static final class Stop extends Exception {
        Stop(String line) {
            super(line, null, false, false);
        }
    }

    @Override
    public Integer call() {
        try (KubernetesClient failFast = ClusterConnection.failFastClient(client)) {
            return rotate(failFast);
        }
    }

    private int rotate(KubernetesClient client) {
        PrintWriter out = spec.commandLine().getOut();
        String ns = namespace.resolve(client);
        try {
            SqlServer sqlServer = client.resources(SqlServer.class).inNamespace(ns).withName(sqlServerName).get();
            if (sqlServer == null) {
                throw new Stop("no SqlServer " + sqlServerName + " in namespace " + ns);
            }
            RotateCredsJob.Request request = new RotateCredsJob.Request(secretKey("--new-sa-password", newSaPassword),
                    secretKey("--current-sa-password", currentSaPassword), secretKey("--master-key-password", masterKeyPassword),
                    rotateCertificate);
            Job desired = RotateCredsJob.desired(sqlServer, request);
            for (SecretKeyRef ref : referencedSecrets(desired)) {
                requireSecretKey(client, ns, ref);
            }
            for (HasMetadata identity : RotateCredsJob.identity(sqlServer)) {
                client.resource(identity).inNamespace(ns).createOr(NonDeletingOperation::update);
            }
            Job job = client.batch().v1().jobs().inNamespace(ns).resource(desired).create();
            out.println("job " + job.getMetadata().getName() + " created for " + sqlServerName
                    + (rotateCertificate ? " (sa password and mirroring certificate)" : " (sa password)"));
            out.flush();
            return follow(client, ns, job.getMetadata().getName(), out);
        } catch (Stop stop) {
            spec.commandLine().getErr().println("rotate-creds: " + stop.getMessage());
            return 1;
        } catch (KubernetesClientException failed) {
            spec.commandLine().getErr().println("rotate-creds: " + ClusterConnection.rootMessage(failed));
            return 1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            spec.commandLine().getErr().println("rotate-creds: interrupted; the Job keeps running");
            return 1;
        }
    }

    private int follow(KubernetesClient client, String ns, String jobName, PrintWriter out) throws InterruptedException, Stop {
        Instant deadline = clock.instant().plus(timeout);
        while (clock.instant().isBefore(deadline)) {
            Job job = client.batch().v1().jobs().inNamespace(ns).withName(jobName).get();
            if (job == null) {
                throw new Stop("job " + jobName + " was deleted before it finished");
            }
            JobOutcome outcome = JobOutcome.of(job);
            if (outcome == JobOutcome.SUCCEEDED) {
                out.println("job " + jobName + " succeeded");
                out.flush();
                return 0;
            }
            if (outcome == JobOutcome.FAILED) {
                throw new Stop("job " + jobName + " failed" + lastLogLine(client, ns, jobName).map(line -> ": " + line).orElse(
                        "; see kubectl logs job/" + jobName));
            }
            Thread.sleep(pollInterval.toMillis());
        }
        throw new Stop("job " + jobName + " has not finished after " + timeout.toSeconds()
                + "s; it keeps running: kubectl logs -f job/" + jobName);
    }

    /** The Job's one-line reason: the last line its pod wrote (the Job never logs a secret). */
    private static Optional<String> lastLogLine(KubernetesClient client, String ns, String jobName) {
        try {
            return client.pods().inNamespace(ns).withLabel(Labels.JOB_NAME, jobName).list().getItems().stream()
                    .map(pod -> client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).getLog())
                    .flatMap(log -> log == null ? java.util.stream.Stream.empty() : log.lines())
                    .filter(line -> !line.isBlank())
                    .reduce((first, second) -> second);
        } catch (KubernetesClientException noLog) {
            return Optional.empty();
        }
    }

    /** {@code SECRET:KEY} → a reference; null stays null (the resource's default applies). */
    private static SecretKeyRef secretKey(String option, String text) throws Stop {
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new Stop(option + " takes SECRET:KEY (a Secret of the namespace and its key), not '" + text + "'");
        }
        return new SecretKeyRef(text.substring(0, colon), text.substring(colon + 1));
    }

    private static List<SecretKeyRef> referencedSecrets(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .map(env -> new SecretKeyRef(env.getValueFrom().getSecretKeyRef().getName(),
                        env.getValueFrom().getSecretKeyRef().getKey()))
                .toList();
    }

    /** Fails early, in one line, on a Secret or key that is not there; never reads out a value. */
    private static void requireSecretKey(KubernetesClient client, String ns, SecretKeyRef ref) throws Stop {
        Secret secret = client.secrets().inNamespace(ns).withName(ref.getName()).get();
        if (secret == null) {
            throw new Stop("Secret " + ref.getName() + " not found in namespace " + ns);
        }
        boolean hasKey = (secret.getData() != null && secret.getData().containsKey(ref.getKey()))
                || (secret.getStringData() != null && secret.getStringData().containsKey(ref.getKey()));
        if (!hasKey) {
            throw new Stop("Secret " + ref.getName() + " has no key " + ref.getKey());
        }
    }
}
