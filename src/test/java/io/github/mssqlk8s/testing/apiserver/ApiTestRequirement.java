package io.github.mssqlk8s.testing.apiserver;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;

/**
 * The *ApiTest tier's skip rule. Without the binaries the tier is skipped, and one line says how to get them;
 * in CI ({@code CI=true}) or with {@code -Dapitest.required=true} (what .ci/run passes) it fails instead, so a
 * CI run can never pass with the real API server silently missing.
 */
public final class ApiTestRequirement {

    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private ApiTestRequirement() {
    }

    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("apitest.required");
    }

    /** The binaries, or a skipped (or, when required, failed) test. */
    public static KubeBinaries binaries() {
        var found = KubeBinaries.find();
        if (found.isPresent()) {
            return found.get();
        }
        String line = "*ApiTest skipped: no kube-apiserver/etcd/kubectl v" + KubeBinaries.VERSION + " in "
                + KubeBinaries.expectedDirectory() + "; build them with scripts/kube-testenv (needs Go)";
        if (required()) {
            throw new IllegalStateException(line.replace("skipped", "required (CI=true or -Dapitest.required=true)"));
        }
        if (TOLD.compareAndSet(false, true)) {
            System.err.println(line);
        }
        Assumptions.abort(line);
        throw new AssertionError("unreachable");
    }
}
