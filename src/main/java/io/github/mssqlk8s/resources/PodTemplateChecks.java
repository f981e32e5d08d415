package io.github.mssqlk8s.resources;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.github.mssqlk8s.api.PodOverrides;
import io.github.mssqlk8s.api.SqlServerSpec;
import io.github.mssqlk8s.api.VolumeClaimTemplate;
import io.github.mssqlk8s.naming.Volumes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * User input that ends up in the StatefulSet's pod template or claim template. The API server accepts a
 * StatefulSet without validating either (only the template's labels and annotations); a mistake would show only
 * as the StatefulSet controller's FailedCreate Event and a pod that never comes. Judged here instead, by the
 * rules the server applies when the pod or claim is created.
 */
final class PodTemplateChecks {

    /** The volumes of the SQL Server pod a user's mount may name (InstanceStatefulSet makes exactly these). */
    private static final Set<String> POD_VOLUMES = Set.of(Volumes.INSTANCE_ROOT, Volumes.AGENT_LOGIN, Volumes.SA_PASSWORD);

    private PodTemplateChecks() {
    }

    static List<SpecProblem> of(SqlServerSpec spec) {
        List<SpecProblem> problems = new ArrayList<>();
        if (spec.getSqlServerContainer() != null) {
            mounts(spec.getSqlServerContainer().getVolumeMounts(), problems);
            env(spec.getSqlServerContainer().getEnv(), problems);
        }
        claimTemplate(spec.getInstanceRootVolumeClaimTemplate(), problems);
        metadata("spec.sqlServerPod", spec.getSqlServerPod(), problems);
        metadata("spec.initSQLPod", spec.getInitSQLPod(), problems);
        return problems;
    }

    private static void mounts(List<VolumeMount> mounts, List<SpecProblem> problems) {
        Set<String> paths = new HashSet<>(Set.of(Volumes.INSTANCE_ROOT_PATH));
        for (VolumeMount mount : mounts) {
            if (!POD_VOLUMES.contains(mount.getName())) {
                problems.add(new SpecProblem("InvalidVolumeMount", "spec.sqlServerContainer.volumeMounts names the volume '"
                        + mount.getName() + "', which the pod does not have (it has " + String.join(", ", POD_VOLUMES.stream()
                                .sorted().toList()) + ")."));
            }
            if (mount.getMountPath() == null || mount.getMountPath().isEmpty() || !paths.add(mount.getMountPath())) {
                problems.add(new SpecProblem("InvalidVolumeMount", "spec.sqlServerContainer.volumeMounts mounts at '"
                        + mount.getMountPath() + "', which is empty or already a mount path of the container."));
            }
        }
    }

    private static void env(List<EnvVar> env, List<SpecProblem> problems) {
        for (EnvVar variable : env) {
            if (!ApiValidation.isEnvVarName(variable.getName())) {
                problems.add(new SpecProblem("InvalidEnvironmentVariable", "spec.sqlServerContainer.env has the name '"
                        + variable.getName() + "', which is not a valid environment variable name."));
            }
        }
    }

    private static void claimTemplate(VolumeClaimTemplate claim, List<SpecProblem> problems) {
        if (claim == null) {
            return;
        }
        Map<String, Quantity> requests = claim.getResources() == null ? null : claim.getResources().getRequests();
        if (requests == null || requests.get("storage") == null) {
            problems.add(new SpecProblem("InvalidVolumeClaimTemplate",
                    "spec.instanceRootVolumeClaimTemplate.resources.requests.storage is required: a claim without it is refused."));
        }
    }

    private static void metadata(String field, PodOverrides overrides, List<SpecProblem> problems) {
        if (overrides == null) {
            return;
        }
        overrides.getLabels().forEach((key, value) -> {
            if (!ApiValidation.isQualifiedName(key) || !ApiValidation.isValidLabelValue(value)) {
                problems.add(new SpecProblem("InvalidPodMetadata", field + ".labels has '" + key + ": " + value
                        + "', which is not a valid label (key: [prefix/]name of at most 63; value: at most 63, alphanumeric at both ends)."));
            }
        });
        overrides.getAnnotations().keySet().forEach(key -> {
            if (!ApiValidation.isQualifiedName(key)) {
                problems.add(new SpecProblem("InvalidPodMetadata", field + ".annotations has the key '" + key
                        + "', which is not a valid annotation key."));
            }
        });
    }
}
