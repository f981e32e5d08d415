package io.github.mssqlk8s.resources;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.github.mssqlk8s.api.PodOverrides;
import io.github.mssqlk8s.api.SecretKeyRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.EnvironmentVariables;
import io.github.mssqlk8s.naming.Mode;
import io.github.mssqlk8s.naming.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A rotate-creds Job for an instance, with the contract's environment (§3). Passwords reach it only through
 * Secret references. Each run is a new Job ({@code generateName}); finished ones are deleted after a day. It has
 * no owner reference, so the operator's Job bookkeeping (which follows owned Jobs) never mistakes it for its own.
 */
public final class RotateCredsJob {

    private static final int FINISHED_JOB_TTL_SECONDS = 24 * 60 * 60;

    /**
     * What to rotate.
     *
     * @param newSaPassword      where the new sa password is
     * @param currentSaPassword  where the current one is; null for the resource's {@code saPassword}
     * @param masterKeyPassword  the master key password; null for the resource's (or the generated) one
     * @param rotateCertificate  also replace the mirroring certificate
     */
    public record Request(SecretKeyRef newSaPassword, SecretKeyRef currentSaPassword, SecretKeyRef masterKeyPassword,
                          boolean rotateCertificate) {

        public Request {
            Objects.requireNonNull(newSaPassword, "newSaPassword");
        }
    }

    private RotateCredsJob() {
    }

    public static Job desired(SqlServer sqlServer, Request request) {
        PodOverrides overrides = sqlServer.getSpec().getInitSQLPod() == null ? new PodOverrides() : sqlServer.getSpec().getInitSQLPod();
        return new JobBuilder()
                .withMetadata(Ownership.metadata(sqlServer, null, Components.ROTATE_CREDS))
                .editMetadata().withGenerateName(Names.rotateCredsJobPrefix(sqlServer)).endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withTtlSecondsAfterFinished(FINISHED_JOB_TTL_SECONDS)
                .withNewTemplate()
                .withNewMetadata().withLabels(Ownership.managedLabels(sqlServer, Components.ROTATE_CREDS)).endMetadata()
                .withNewSpec()
                .withServiceAccountName(Names.rotateCreds(sqlServer))
                .withRestartPolicy("Never")
                .withSecurityContext(PodSecurity.restrictedPod())
                .addNewContainer()
                .withSecurityContext(PodSecurity.restrictedContainer(PodSecurity.AGENTS_USER_ID))
                .withName(Mode.ROTATE_CREDS.modeName())
                .withImage(sqlServer.getSpec().getAgentsContainerImage())
                .withArgs(Mode.ROTATE_CREDS.modeName())
                .withEnv(environment(sqlServer, request))
                .endContainer()
                .withImagePullSecrets(overrides.getImagePullSecrets())
                .withNodeSelector(overrides.getNodeSelector())
                .withTolerations(overrides.getTolerations())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static List<EnvVar> environment(SqlServer sqlServer, Request request) {
        SecretKeyRef current = request.currentSaPassword() != null ? request.currentSaPassword()
                : sqlServer.getSpec().getSaPassword().getSecretKeyRef();
        SecretKeyRef masterKey = request.masterKeyPassword() != null ? request.masterKeyPassword()
                : GeneratedSecrets.masterKeyPasswordRef(sqlServer);
        List<EnvVar> env = new ArrayList<>();
        env.add(AgentEnvironment.fromField(EnvironmentVariables.NAMESPACE, "metadata.namespace"));
        env.add(AgentEnvironment.value(EnvironmentVariables.SQL_SERVER_NAME, Names.instance(sqlServer)));
        env.add(AgentEnvironment.value(EnvironmentVariables.ROTATE_CERT, request.rotateCertificate()));
        env.add(AgentEnvironment.fromSecret(EnvironmentVariables.CURRENT_SA_PASSWORD, current.getName(), current.getKey()));
        env.add(AgentEnvironment.fromSecret(EnvironmentVariables.NEW_SA_PASSWORD, request.newSaPassword().getName(),
                request.newSaPassword().getKey()));
        env.add(AgentEnvironment.fromSecret(EnvironmentVariables.MASTER_KEY_PASSWORD, masterKey.getName(), masterKey.getKey()));
        return env;
    }
}
