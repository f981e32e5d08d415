package io.github.mssqlk8s.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;

/** fabric8's mock API server in CRUD mode over plain HTTP, for programs (benchmarks, chaos, sandbox) outside JUnit. */
public final class MockApiServer {

    private MockApiServer() {
    }

    /** A started server; {@code destroy()} it when done. */
    public static KubernetesMockServer startCrud() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        return server;
    }
}
