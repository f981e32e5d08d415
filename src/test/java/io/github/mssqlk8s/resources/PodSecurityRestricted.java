package io.github.mssqlk8s.resources;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checks of Pod Security Admission's {@code restricted} level (v1.29–1.34) that a pod spec can fail, written
 * from the Pod Security Standards page, as violations in words; empty when the pod is admitted.
 */
final class PodSecurityRestricted {

    private static final Set<String> SECCOMP_ALLOWED = Set.of("RuntimeDefault", "Localhost");

    private PodSecurityRestricted() {
    }

    static List<String> violations(PodSpec pod) {
        List<String> violations = new ArrayList<>();
        PodSecurityContext podContext = pod.getSecurityContext() == null ? new PodSecurityContext() : pod.getSecurityContext();
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add("host namespaces");
        }
        for (Volume volume : pod.getVolumes()) {
            boolean allowed = volume.getConfigMap() != null || volume.getCsi() != null || volume.getDownwardAPI() != null
                    || volume.getEmptyDir() != null || volume.getEphemeral() != null || volume.getPersistentVolumeClaim() != null
                    || volume.getProjected() != null || volume.getSecret() != null;
            if (!allowed) {
                violations.add("volume " + volume.getName() + " has a restricted type");
            }
        }
        List<Container> containers = new ArrayList<>(pod.getContainers());
        containers.addAll(pod.getInitContainers());
        for (Container container : containers) {
            SecurityContext context = container.getSecurityContext() == null ? new SecurityContext() : container.getSecurityContext();
            String name = container.getName();
            if (Boolean.TRUE.equals(context.getPrivileged())) {
                violations.add(name + ": privileged");
            }
            if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                violations.add(name + ": allowPrivilegeEscalation != false");
            }
            Boolean nonRoot = context.getRunAsNonRoot() != null ? context.getRunAsNonRoot() : podContext.getRunAsNonRoot();
            if (!Boolean.TRUE.equals(nonRoot)) {
                violations.add(name + ": runAsNonRoot != true");
            }
            Long user = context.getRunAsUser() != null ? context.getRunAsUser() : podContext.getRunAsUser();
            if (user != null && user == 0L) {
                violations.add(name + ": runAsUser=0");
            }
            String seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile().getType()
                    : podContext.getSeccompProfile() != null ? podContext.getSeccompProfile().getType() : null;
            if (seccomp == null || !SECCOMP_ALLOWED.contains(seccomp)) {
                violations.add(name + ": seccompProfile.type is not RuntimeDefault or Localhost");
            }
            Capabilities capabilities = context.getCapabilities() == null ? new Capabilities() : context.getCapabilities();
            if (!capabilities.getDrop().contains("ALL")) {
                violations.add(name + ": capabilities.drop lacks ALL");
            }
            if (capabilities.getAdd().stream().anyMatch(added -> !"NET_BIND_SERVICE".equals(added))) {
                violations.add(name + ": adds capabilities");
            }
            if (container.getPorts().stream().anyMatch(port -> port.getHostPort() != null && port.getHostPort() != 0)) {
                violations.add(name + ": hostPort");
            }
        }
        return violations;
    }
}
