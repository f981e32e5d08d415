package io.github.mssqlk8s.bench;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.github.mssqlk8s.testing.apiserver.GeneratedManifests;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options the generated operator Deployment gives its container (JAVA_OPTS, read by the image's launcher),
 * and its memory limit as {@code -XX:MaxRAM}, so that a share of "RAM" means in the benchmark what it means in the
 * pod. The benchmark runs the operator with exactly these, read from target/kubernetes/kubernetes.yml.
 */
final class OperatorDeploymentJvm {

    private OperatorDeploymentJvm() {
    }

    static List<String> options() {
        Container container = GeneratedManifests.operatorManifests().stream()
                .filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Deployment in " + GeneratedManifests.OPERATOR))
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        String javaOpts = container.getEnv().stream().filter(env -> "JAVA_OPTS".equals(env.getName()))
                .map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("the operator Deployment sets no JAVA_OPTS"));
        Quantity limit = container.getResources().getLimits().get("memory");
        List<String> options = new ArrayList<>(List.of(javaOpts.trim().split("\\s+")));
        options.add("-XX:MaxRAM=" + Quantity.getAmountInBytes(limit).longValueExact());
        return List.copyOf(options);
    }
}
