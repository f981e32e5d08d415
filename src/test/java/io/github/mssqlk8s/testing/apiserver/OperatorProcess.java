package io.github.mssqlk8s.testing.apiserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The packaged operator ({@code java -jar target/quarkus-app/quarkus-run.jar operator}) as a process of its own,
 * talking to the real API server with a token of the ServiceAccount the packaged Deployment runs as — so its Role
 * from target/kubernetes/kubernetes.yml is exactly what it has. Production profile, production settings
 * (server-side apply, leader election). Its log is {@code target/apitest/operator-<namespace>.log}.
 */
public final class OperatorProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    /** What fabric8 and JOSDK log when the server refused a request: forbidden (RBAC), invalid, or a conflict of SSA managers. */
    private static final Pattern REFUSED = Pattern.compile("(?i)(code=403|code=422|Forbidden|is invalid|field is immutable|Apply failed with)");

    private final Process process;
    private final Path log;

    private OperatorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the operator in {@code namespace} as that namespace's ServiceAccount {@code mssql-operator}. */
    public static OperatorProcess start(ApiTestNamespace api) {
        return start(api, "mssql-operator", Map.of());
    }

    public static OperatorProcess start(ApiTestNamespace api, String serviceAccount, Map<String, String> extraEnvironment) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: *ApiTest runs after package (./mvnw -B verify)");
        }
        try {
            Map<String, String> environment = new HashMap<>(api.server().environment(api.tokenFor(serviceAccount), api.namespace()));
            environment.put("MSSQL_K8S_NAMESPACE", api.namespace());
            environment.put("QUARKUS_HTTP_PORT", Integer.toString(ServerFiles.freeLoopbackPort()));
            environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            environment.putAll(extraEnvironment);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "operator"));
            Path log = Path.of("target", "apitest", "operator-" + api.namespace() + ".log").toAbsolutePath();
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new OperatorProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Lines of the operator's log where the API server refused one of its requests (403, 422, SSA conflicts). */
    public List<String> refusedRequests() {
        try {
            return Files.readAllLines(log).stream().filter(line -> REFUSED.matcher(line).find())
                    .map(line -> line.length() > 600 ? line.substring(0, 600) + "…" : line).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
