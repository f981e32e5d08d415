package io.github.mssqlk8s.resources;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.github.mssqlk8s.api.PodOverrides;
import io.github.mssqlk8s.api.SecretKeyRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.EnvironmentVariables;
import io.github.mssqlk8s.naming.Mode;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.naming.Volumes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The init-sql Job of one generation of the spec: created once, never changed. */
public final class InitSqlJob {

    /** The generation a Job was made for, so its outcome can be matched to the spec. */
    public static final String GENERATION_ANNOTATION = "mssql.microsoft.com/generation";
    private static final int BACKOFF_LIMIT = 3;

    private InitSqlJob() {
    }

    public static Job desired(SqlServer sqlServer) {
        long generation = sqlServer.getMetadata().getGeneration() == null ? 1L : sqlServer.getMetadata().getGeneration();
        PodOverrides overrides = sqlServer.getSpec().getInitSQLPod() == null ? new PodOverrides() : sqlServer.getSpec().getInitSQLPod();
        Map<String, String> podLabels = new LinkedHashMap<>(overrides.getLabels());
        podLabels.putAll(Ownership.managedLabels(sqlServer, Components.INIT_SQL));
        return new JobBuilder()
                .withMetadata(Ownership.metadata(sqlServer, Names.initSqlJob(sqlServer, generation), Components.INIT_SQL))
                .editMetadata().addToAnnotations(GENERATION_ANNOTATION, Long.toString(generation)).endMetadata()
                .withNewSpec()
                .withBackoffLimit(BACKOFF_LIMIT)
                .withNewTemplate()
                .withNewMetadata().withLabels(podLabels).withAnnotations(overrides.getAnnotations()).endMetadata()
                .withNewSpec()
                .withServiceAccountName(Names.initSql(sqlServer))
                .withRestartPolicy("Never")
                .withSecurityContext(PodSecurity.restrictedPod())
                .addNewContainer()
                .withSecurityContext(PodSecurity.restrictedContainer(PodSecurity.AGENTS_USER_ID))
                .withName(Mode.INIT_SQL.modeName())
                .withImage(sqlServer.getSpec().getAgentsContainerImage())
                .withArgs(Mode.INIT_SQL.modeName())
                .withEnv(environment(sqlServer))
                .withResources(overrides.getResources())
                .withVolumeMounts(new VolumeMountBuilder().withName(Volumes.AGENT_LOGIN)
                        .withMountPath(Volumes.AGENT_LOGIN_PATH).withReadOnly(true).build())
                .endContainer()
                .addNewVolume().withName(Volumes.AGENT_LOGIN)
                .withNewSecret().withSecretName(Names.agentLoginSecret(sqlServer)).endSecret().endVolume()
                .withAffinity(overrides.getAffinity())
                .withTolerations(overrides.getTolerations())
                .withNodeSelector(overrides.getNodeSelector())
                .withImagePullSecrets(overrides.getImagePullSecrets())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static List<EnvVar> environment(SqlServer sqlServer) {
        String namespace = sqlServer.getMetadata().getNamespace();
        SecretKeyRef sa = sqlServer.getSpec().getSaPassword().getSecretKeyRef();
        SecretKeyRef masterKey = GeneratedSecrets.masterKeyPasswordRef(sqlServer);
        List<EnvVar> env = new ArrayList<>();
        env.add(AgentEnvironment.fromField(EnvironmentVariables.NAMESPACE, "metadata.namespace"));
        env.add(AgentEnvironment.value(EnvironmentVariables.SQL_SERVER_NAME, Names.instance(sqlServer)));
        env.add(AgentEnvironment.value(EnvironmentVariables.SQL_HOST, Names.endpointHost(Names.instance(sqlServer), namespace)));
        env.add(AgentEnvironment.value(EnvironmentVariables.CONNECTION_TIMEOUT_SECONDS,
                sqlServer.getSpec().effectiveConnectionTimeoutSec()));
        env.add(AgentEnvironment.value(EnvironmentVariables.QUERY_TIMEOUT_SECONDS,
                sqlServer.getSpec().effectiveQueryCommandTimeoutSec()));
        env.add(AgentEnvironment.value(EnvironmentVariables.AGENT_LOGIN_PATH, Volumes.AGENT_LOGIN_PATH));
        // Secret values reach the Job through references, never as arguments.
        env.add(AgentEnvironment.fromSecret(EnvironmentVariables.SA_PASSWORD, sa.getName(), sa.getKey()));
        env.add(AgentEnvironment.fromSecret(EnvironmentVariables.MASTER_KEY_PASSWORD, masterKey.getName(), masterKey.getKey()));
        return env;
    }
}
