package io.github.mssqlk8s.testing.apiserver;

import io.github.mssqlk8s.testing.LoggedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The packaged operator ({@code java -jar target/quarkus-app/quarkus-run.jar operator}) as a process of its own,
 * talking to the real API server with a token of the ServiceAccount the packaged Deployment runs as — so its Role
 * from target/kubernetes/kubernetes.yml is exactly what it has. Production profile, production settings
 * (server-side apply, leader election). Its log is {@code target/apitest/operator-<namespace>.log}.
 */
public final class OperatorProcess implements AutoCloseable {

    public static final Path JAR = LoggedProcess.APPLICATION_JAR;
    /** What fabric8 and JOSDK log when the server refused a request: forbidden (RBAC), invalid, or a conflict of SSA managers. */
    private static final Pattern REFUSED = Pattern.compile("(?i)(code=403|code=422|Forbidden|is invalid|field is immutable|Apply failed with)");

    private final LoggedProcess process;

    private OperatorProcess(LoggedProcess process) {
        this.process = process;
    }

    /** Starts the operator in {@code namespace} as that namespace's ServiceAccount {@code mssql-operator}. */
    public static OperatorProcess start(ApiTestNamespace api) {
        return start(api, "mssql-operator", Map.of());
    }

    public static OperatorProcess start(ApiTestNamespace api, String serviceAccount, Map<String, String> extraEnvironment) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: *ApiTest runs after package (./mvnw -B verify)");
        }
        Map<String, String> environment = new HashMap<>(api.server().environment(api.tokenFor(serviceAccount), api.namespace()));
        environment.put("MSSQL_K8S_NAMESPACE", api.namespace());
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(ServerFiles.freeLoopbackPort()));
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.putAll(extraEnvironment);
        Path log = Path.of("target", "apitest", "operator-" + api.namespace() + ".log").toAbsolutePath();
        return new OperatorProcess(LoggedProcess.start(LoggedProcess.javaJar(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
                JAR, List.of("operator")), environment, log));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return process.log();
    }

    /** Lines of the operator's log where the API server refused one of its requests (403, 422, SSA conflicts). */
    public List<String> refusedRequests() {
        try {
            return Files.readAllLines(process.log()).stream().filter(line -> REFUSED.matcher(line).find())
                    .map(line -> line.length() > 600 ? line.substring(0, 600) + "…" : line).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logText() {
        return process.logText();
    }

    @Override
    public void close() {
        process.stop(15);
    }
}
