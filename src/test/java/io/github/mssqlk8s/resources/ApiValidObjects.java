package io.github.mssqlk8s.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the API server would check of a desired object and of the pods a controller makes from its template, with
 * the {@link ApiValidation} port of its rules: names, label keys and values, annotation keys, container and
 * Service port names, env names, volume names and mounts. Every resource test that builds a desired object passes
 * it through {@link #valid}, so a generated name or label the server would refuse fails there, not on a cluster.
 */
public final class ApiValidObjects {

    private ApiValidObjects() {
    }

    public static <T extends HasMetadata> T valid(T object) {
        String what = object.getKind() + " " + object.getMetadata().getName();
        metadata(what, object.getMetadata(), object instanceof Service);
        if (object instanceof Service service) {
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(port.getName() == null || ApiValidation.isDns1123Label(port.getName()))
                        .as(what + ": port name " + port.getName()).isTrue();
            }
        }
        if (object instanceof StatefulSet set) {
            Set<String> claims = new HashSet<>();
            for (PersistentVolumeClaim claim : set.getSpec().getVolumeClaimTemplates()) {
                assertThat(ApiValidation.isDns1123Label(claim.getMetadata().getName())).as(what + ": claim template "
                        + claim.getMetadata().getName()).isTrue();
                claims.add(claim.getMetadata().getName());
            }
            podTemplate(what, set.getSpec().getTemplate(), claims);
        }
        if (object instanceof Job job) {
            podTemplate(what, job.getSpec().getTemplate(), Set.of());
        }
        return object;
    }

    public static <T extends HasMetadata> List<T> valid(List<T> objects) {
        objects.forEach(ApiValidObjects::valid);
        return objects;
    }

    private static void metadata(String what, ObjectMeta metadata, boolean dns1035) {
        String name = metadata.getName() != null ? metadata.getName() : metadata.getGenerateName() + "x1234";
        assertThat(dns1035 ? ApiValidation.isDns1035Label(name) : ApiValidation.isDns1123Subdomain(name))
                .as(what + ": name " + name).isTrue();
        labelsAndAnnotations(what, metadata.getLabels(), metadata.getAnnotations());
    }

    private static void labelsAndAnnotations(String what, Map<String, String> labels, Map<String, String> annotations) {
        if (labels != null) {
            labels.forEach((key, value) -> {
                assertThat(ApiValidation.isQualifiedName(key)).as(what + ": label key " + key).isTrue();
                assertThat(ApiValidation.isValidLabelValue(value)).as(what + ": label " + key + "=" + value).isTrue();
            });
        }
        if (annotations != null) {
            annotations.keySet().forEach(key -> assertThat(ApiValidation.isQualifiedName(key)).as(what + ": annotation key " + key).isTrue());
        }
    }

    private static void podTemplate(String what, PodTemplateSpec template, Set<String> claimTemplates) {
        labelsAndAnnotations(what + " pod template", template.getMetadata().getLabels(), template.getMetadata().getAnnotations());
        Set<String> volumes = new HashSet<>(claimTemplates);
        for (Volume volume : template.getSpec().getVolumes()) {
            assertThat(ApiValidation.isDns1123Label(volume.getName())).as(what + ": volume " + volume.getName()).isTrue();
            assertThat(volumes.add(volume.getName())).as(what + ": volume " + volume.getName() + " once").isTrue();
        }
        List<Container> containers = new ArrayList<>(template.getSpec().getInitContainers());
        containers.addAll(template.getSpec().getContainers());
        Set<String> portNames = new HashSet<>();
        for (Container container : containers) {
            String in = what + " container " + container.getName();
            assertThat(ApiValidation.isDns1123Label(container.getName())).as(in + ": name").isTrue();
            for (ContainerPort port : container.getPorts()) {
                assertThat(port.getName() == null || ApiValidation.isValidPortName(port.getName()) && portNames.add(port.getName()))
                        .as(in + ": port name " + port.getName() + " (valid, unique in the pod)").isTrue();
            }
            for (EnvVar env : container.getEnv()) {
                assertThat(ApiValidation.isEnvVarName(env.getName())).as(in + ": env " + env.getName()).isTrue();
            }
            Set<String> paths = new HashSet<>();
            container.getVolumeMounts().forEach(mount -> {
                assertThat(volumes).as(in + ": mount of " + mount.getName()).contains(mount.getName());
                assertThat(paths.add(mount.getMountPath())).as(in + ": mount path " + mount.getMountPath() + " once").isTrue();
            });
        }
    }
}
