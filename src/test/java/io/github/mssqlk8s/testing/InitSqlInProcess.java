package io.github.mssqlk8s.testing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.SecretVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.cli.InitSqlCommand;
import io.github.mssqlk8s.config.AgentIdentity;
import io.github.mssqlk8s.config.InitSqlSettings;
import io.github.mssqlk8s.config.InstanceConnectionSettings;
import io.github.mssqlk8s.job.JobFailure;
import io.github.mssqlk8s.job.JobLog;
import io.github.mssqlk8s.kube.SecretValues;
import io.github.mssqlk8s.naming.EnvironmentVariables;
import io.github.mssqlk8s.resources.GeneratedSecrets;
import io.github.mssqlk8s.resources.InitSqlJob;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The init-sql Job run in this JVM as a cluster would run it, against the mock API server: the Job the operator
 * makes for the SqlServer ({@link InitSqlJob#desired}), its environment resolved as the kubelet would (values,
 * the namespace, Secret references), its Secret volume written to a directory, and then the Job's own composition
 * ({@link InitSqlCommand#job}) reading that environment. Only where the instance is differs: a simulated one on
 * loopback without TLS. Also the Secrets the operator generates before the Job runs.
 */
public final class InitSqlInProcess {

    private static final SecureRandom RANDOM = new SecureRandom();

    private InitSqlInProcess() {
    }

    /**
     * What the operator generates for a new SqlServer before its init-sql Job runs: the agents' login Secret and the
     * master key password Secret, each with a fresh password.
     */
    public static void createGeneratedSecrets(KubernetesClient client, SqlServer resource) {
        String namespace = resource.getMetadata().getNamespace();
        client.secrets().inNamespace(namespace).resource(GeneratedSecrets.agentLogin(resource,
                GeneratedSecrets.newPassword(RANDOM))).create();
        client.secrets().inNamespace(namespace).resource(GeneratedSecrets.masterKey(resource,
                GeneratedSecrets.newPassword(RANDOM))).create();
    }

    /** Writes each key of a Secret as a file in {@code directory}, as a secret volume mounts it. */
    public static Path mountSecret(KubernetesClient client, String namespace, String secret, Path directory) {
        return mountSecret(client, namespace, new SecretVolumeSourceBuilder().withSecretName(secret).build(), directory);
    }

    /**
     * Writes a secret volume's files in {@code directory} as the kubelet mounts it: every key of the Secret under its
     * own name, or with {@code items} only the listed keys, each under its path.
     */
    public static Path mountSecret(KubernetesClient client, String namespace, SecretVolumeSource volume, Path directory) {
        String secret = volume.getSecretName();
        Map<String, String> values = new SecretValues(client).read(namespace, secret)
                .orElseThrow(() -> new AssertionError("no Secret " + namespace + "/" + secret + " to mount"));
        Map<String, String> files = new HashMap<>();
        if (volume.getItems() == null || volume.getItems().isEmpty()) {
            files.putAll(values);
        } else {
            for (KeyToPath item : volume.getItems()) {
                String value = values.get(item.getKey());
                if (value == null) {
                    throw new AssertionError("the Secret " + namespace + "/" + secret + " has no key " + item.getKey());
                }
                files.put(item.getPath(), value);
            }
        }
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(directory.resolve(file.getKey()), file.getValue());
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where the file a container's variable {@code pathVariable} names lies once the container's secret volumes are
     * mounted under {@code mounts}: the variable's path inside the pod, moved into the local copy of its volume.
     */
    public static Path mountedFile(KubernetesClient client, String namespace, PodSpec pod, String pathVariable, Path mounts) {
        Container container = pod.getContainers().stream()
                .filter(c -> c.getEnv().stream().anyMatch(v -> v.getName().equals(pathVariable))).findFirst()
                .orElseThrow(() -> new AssertionError("no container of the pod has " + pathVariable));
        String inPod = container.getEnv().stream().filter(v -> v.getName().equals(pathVariable)).findFirst().orElseThrow().getValue();
        VolumeMount mount = container.getVolumeMounts().stream().filter(m -> inPod.startsWith(m.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError(pathVariable + "=" + inPod + " is on no volume of " + container.getName()));
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        Path directory = mountSecret(client, namespace, volume.getSecret(), mounts.resolve(volume.getName()));
        return directory.resolve(inPod.substring(mount.getMountPath().length() + 1));
    }

    /**
     * Runs the init-sql Job of the stored SqlServer {@code name} against the instance listening on {@code sqlPort};
     * its volumes are mounted under {@code mounts}. A failure is the Job's one line (it would exit 1).
     */
    public static void run(KubernetesClient client, String namespace, String name, int sqlPort, Path mounts, JobLog log)
            throws JobFailure {
        run(client, client, namespace, name, sqlPort, mounts, log);
    }

    /**
     * {@link #run(KubernetesClient, String, String, int, Path, JobLog)} with the kubelet's part (Secrets resolved into
     * the environment and volumes) through {@code kubelet} and the Job's own API calls through {@code job}, e.g. a
     * client as the init-sql ServiceAccount on a real API server.
     */
    public static void run(KubernetesClient kubelet, KubernetesClient job, String namespace, String name, int sqlPort,
            Path mounts, JobLog log) throws JobFailure {
        KubernetesClient client = kubelet;
        SqlServer resource = client.resources(SqlServer.class).inNamespace(namespace).withName(name).require();
        PodSpec pod = InitSqlJob.desired(resource).getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        Map<String, String> environment = new HashMap<>();
        for (EnvVar variable : container.getEnv()) {
            environment.put(variable.getName(), value(client, namespace, variable));
        }
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            Path mounted = mountSecret(client, namespace, volume.getSecret(), mounts.resolve(volume.getName()));
            environment.replaceAll((variable, value) -> value.equals(mount.getMountPath()) ? mounted.toString() : value);
        }
        // The pod reaches its instance through its DNS name over TLS; here it is a simulated one on loopback.
        environment.put(EnvironmentVariables.SQL_HOST, "127.0.0.1");
        environment.put("MSSQL_K8S_SQL_PORT", Integer.toString(sqlPort));
        environment.put("MSSQL_K8S_SQL_ENCRYPT", "false");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus's, which reads "5s" and "5m"
                .withMapping(AgentIdentity.class).withMapping(InstanceConnectionSettings.class).withMapping(InitSqlSettings.class)
                .build();
        InitSqlCommand.job(job, config.getConfigMapping(AgentIdentity.class),
                config.getConfigMapping(InstanceConnectionSettings.class), config.getConfigMapping(InitSqlSettings.class), log)
                .run();
    }

    private static String value(KubernetesClient client, String namespace, EnvVar variable) {
        EnvVarSource source = variable.getValueFrom();
        if (source == null) {
            return variable.getValue();
        }
        if (source.getFieldRef() != null && "metadata.namespace".equals(source.getFieldRef().getFieldPath())) {
            return namespace;
        }
        if (source.getSecretKeyRef() != null) {
            String secret = source.getSecretKeyRef().getName();
            String key = source.getSecretKeyRef().getKey();
            String value = new SecretValues(client).read(namespace, secret).map(values -> values.get(key)).orElse(null);
            if (value == null) {
                throw new AssertionError(variable.getName() + " refers to " + secret + "/" + key + ", which does not exist");
            }
            return value;
        }
        throw new AssertionError("the init-sql Job's " + variable.getName() + " comes from a source this runner cannot resolve");
    }
}
