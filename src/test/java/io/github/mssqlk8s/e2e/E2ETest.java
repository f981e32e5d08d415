package io.github.mssqlk8s.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Marks a real-cluster test: tagged {@code e2e} (run by {@code scripts/e2e}, i.e. {@code ./mvnw -Pe2e verify}) and
 * skipped unless {@code MSSQL_K8S_E2E_CONTEXT} names the kube context to use.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("e2e")
@EnabledIfEnvironmentVariable(named = E2ECluster.CONTEXT_VARIABLE, matches = ".+",
        disabledReason = "no cluster configured: scripts/e2e sets " + E2ECluster.CONTEXT_VARIABLE)
@interface E2ETest {
}
