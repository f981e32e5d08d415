package io.github.mssqlk8s.resources;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/** What Pod Security "restricted" asks of every pod the operator makes (SQL Server's and the Jobs'). */
final class PodSecurity {

    /** The agents' image's user ({@code USER 185} in its Dockerfile). */
    static final long AGENTS_USER_ID = 185L;

    private PodSecurity() {
    }

    /** Per container: its user by number (runAsNonRoot is enforced only for numeric users), no escalation, no capabilities. */
    static SecurityContext restrictedContainer(long userId) {
        return new SecurityContextBuilder()
                .withRunAsUser(userId)
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .build();
    }

    /** Per pod: non-root and the runtime's default seccomp profile. */
    static PodSecurityContext restrictedPod() {
        return new PodSecurityContextBuilder().withRunAsNonRoot(true)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
    }
}
