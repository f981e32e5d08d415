package io.github.mssqlk8s.testing.apiserver;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real etcd and kube-apiserver as two processes of this test JVM, on loopback only, with RBAC authorization and
 * every default admission plugin (PodSecurity, ServiceAccount, NamespaceLifecycle…). One per JVM ({@link #shared()}),
 * shared by every *ApiTest class; the JVM's shutdown kills both and removes etcd's data. There is no
 * controller-manager, scheduler or kubelet: nothing creates pods, collects garbage or finishes deleting namespaces.
 *
 * <p>Logs: {@code target/apitest/<pid>/etcd.log} and {@code kube-apiserver.log}.
 */
public final class KubeApiServer {

    /** A cold start is 3-10 s; under CI load it can be many times that. */
    private static final Duration STARTUP = Duration.ofSeconds(Long.getLong("apitest.startup-seconds", 180));

    private static KubeApiServer shared;

    private final ServerFiles files;
    private final Process etcd;
    private final Process apiServer;
    private final String url;
    private final KubernetesClient admin;

    private KubeApiServer(ServerFiles files, Process etcd, Process apiServer, String url) {
        this.files = files;
        this.etcd = etcd;
        this.apiServer = apiServer;
        this.url = url;
        this.admin = new KubernetesClientBuilder().withConfig(config(files.adminToken(), "default", "apitest-admin")).build();
    }

    /** The API server of this JVM, started on first use; a test without the binaries is skipped or fails (see ApiTestRequirement). */
    public static synchronized KubeApiServer shared() {
        KubeBinaries binaries = ApiTestRequirement.binaries();
        if (shared == null) {
            shared = start(binaries, Path.of("target", "apitest", Long.toString(ProcessHandle.current().pid())));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "kube-apiserver-stop"));
        }
        return shared;
    }

    static KubeApiServer start(KubeBinaries binaries, Path directory) {
        Process etcd = null;
        Process apiServer = null;
        try {
            ServerFiles files = ServerFiles.create(directory.toAbsolutePath());
            int etcdPort = ServerFiles.freeLoopbackPort();
            int peerPort = ServerFiles.freeLoopbackPort();
            int apiPort = ServerFiles.freeLoopbackPort();
            etcd = launch(files.directory().resolve("etcd.log"), etcdCommand(binaries, files, etcdPort, peerPort));
            apiServer = launch(files.directory().resolve("kube-apiserver.log"), apiServerCommand(binaries, files, etcdPort, apiPort));
            KubeApiServer server = new KubeApiServer(files, etcd, apiServer, "https://127.0.0.1:" + apiPort + "/");
            server.awaitReady();
            return server;
        } catch (IOException | RuntimeException e) {
            destroy(apiServer);
            destroy(etcd);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static List<String> etcdCommand(KubeBinaries binaries, ServerFiles files, int clientPort, int peerPort) {
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        return List.of(binaries.etcd().toString(), "--name=default",
                "--data-dir=" + files.directory().resolve("etcd-data"),
                "--listen-client-urls=" + client, "--advertise-client-urls=" + client,
                "--listen-peer-urls=" + peer, "--initial-advertise-peer-urls=" + peer,
                "--initial-cluster=default=" + peer, "--unsafe-no-fsync=true", "--log-level=warn");
    }

    private static List<String> apiServerCommand(KubeBinaries binaries, ServerFiles files, int etcdPort, int port) {
        List<String> command = new ArrayList<>(List.of(binaries.kubeApiServer().toString(),
                "--etcd-servers=http://127.0.0.1:" + etcdPort,
                "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", "--secure-port=" + port,
                "--cert-dir=" + files.directory().resolve("certs"),
                "--token-auth-file=" + files.tokens(),
                "--service-account-issuer=https://kubernetes.default.svc",
                "--service-account-key-file=" + files.serviceAccountKey(),
                "--service-account-signing-key-file=" + files.serviceAccountKey(),
                "--authorization-mode=RBAC",
                "--service-cluster-ip-range=10.0.0.0/24",
                "--allow-privileged=true",
                "--profiling=false"));
        return command;
    }

    private static Process launch(Path log, List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        HttpClient http = admin.getHttpClient();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!etcd.isAlive() || !apiServer.isAlive()) {
                throw new IllegalStateException((etcd.isAlive() ? "kube-apiserver" : "etcd") + " exited during start-up; "
                        + "see " + files.directory() + " (etcd.log, kube-apiserver.log)");
            }
            try {
                HttpResponse<String> answer = http.sendAsync(http.newHttpRequestBuilder().uri(url + "readyz").build(), String.class)
                        .get(5, TimeUnit.SECONDS);
                if (answer.code() == 200) {
                    return;
                }
                last = "HTTP " + answer.code();
            } catch (Exception notYet) {
                last = notYet.getClass().getSimpleName();
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("kube-apiserver was not ready within " + STARTUP.toSeconds() + " s (last /readyz: "
                + last + "); see " + files.directory().resolve("kube-apiserver.log"));
    }

    /** https://127.0.0.1:port/ */
    public String url() {
        return url;
    }

    /** A client with every right ({@code system:masters}): the test harness itself, never a component under test. */
    public KubernetesClient admin() {
        return admin;
    }

    String adminToken() {
        return files.adminToken();
    }

    /** A client configuration for this server with a bearer token; the serving certificate is self-signed. */
    public Config config(String token, String namespace, String userAgent) {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url).withOauthToken(token).withTrustCerts(true).withNamespace(namespace)
                .withUserAgent(userAgent).withRequestTimeout(30_000).withConnectionTimeout(10_000)
                .build();
    }

    /** The environment that points a process of the application at this server with a token (fabric8's variables). */
    public java.util.Map<String, String> environment(String token, String namespace) {
        return java.util.Map.of("KUBERNETES_MASTER", url, "KUBERNETES_AUTH_TOKEN", token,
                "KUBERNETES_TRUST_CERTIFICATES", "true", "KUBERNETES_NAMESPACE", namespace,
                "KUBERNETES_AUTH_TRYKUBECONFIG", "false", "KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    }

    /** The kube-apiserver process, for faults that stop it (SIGSTOP/SIGCONT through {@code kill}). */
    public ProcessHandle apiServerProcess() {
        return apiServer.toHandle();
    }

    /**
     * Fault: stops the kube-apiserver process with SIGSTOP; connections stay open and nothing answers, as with a hung
     * control plane. The server is shared by the JVM's tests: call {@link #resume()} in a finally block.
     */
    public void suspend() {
        signal("STOP");
    }

    /** Resumes a suspended kube-apiserver (SIGCONT) and waits until it is ready again. */
    public void resume() {
        signal("CONT");
        awaitReady();
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(apiServer.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + apiServer.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + name + " to kube-apiserver", e);
        }
    }

    void stop() {
        admin.close();
        destroy(apiServer);
        destroy(etcd);
        deleteRecursively(files.directory().resolve("etcd-data"));
    }

    private static void destroy(Process process) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort: target/ is removed by the next clean anyway
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while kube-apiserver was starting", e);
        }
    }
}
