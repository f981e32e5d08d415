package io.github.mssqlk8s.agent.ag;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A loopback port free right now, for a child's HTTP server. */
final class LoopbackPort {

    private LoopbackPort() {
    }

    /**
     * Free when asked; another process may take it before the child binds it, and the child then fails to start
     * and is started again, with another port.
     */
    static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(ChildCommand.LOOPBACK))) {
            return socket.getLocalPort();
        }
    }
}
