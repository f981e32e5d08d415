package io.github.mssqlk8s.sim;

import io.github.mssqlk8s.sim.engine.InstanceOptions;
import io.github.mssqlk8s.sim.engine.SimNetwork;
import io.github.mssqlk8s.sim.engine.SimulatedInstance;
import io.github.mssqlk8s.sim.tds.TdsServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts simulated SQL Server instances on loopback so a person can connect with any TDS client (sqlcmd,
 * mssql-jdbc, …). Run through {@code scripts/sqlserver-sim}; stops on Ctrl-C.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int instances = 3;
        int basePort = 14330;
        String saPassword = "Sim-Sa-Passw0rd!";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--instances" -> instances = Integer.parseInt(args[++i]);
                case "--base-port" -> basePort = Integer.parseInt(args[++i]);
                case "--sa-password" -> saPassword = args[++i];
                default -> {
                    System.err.println("sqlserver-sim: unknown option " + args[i]
                            + " (use --instances N, --base-port P, --sa-password X)");
                    System.exit(2);
                }
            }
        }
        SimNetwork network = new SimNetwork();
        List<TdsServer> listeners = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            SimulatedInstance instance = network.createInstance("sql-" + i, InstanceOptions.withSaPassword(saPassword));
            TdsServer server = TdsServer.start(instance, basePort + i);
            listeners.add(server);
            System.out.println("sql-" + i + ": 127.0.0.1," + server.port()
                    + "  jdbc:sqlserver://127.0.0.1:" + server.port() + ";encrypt=false  (login sa)");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            listeners.forEach(TdsServer::close);
            network.close();
            stopped.countDown();
        }));
        System.out.println("sqlserver-sim: " + instances + " instances running; Ctrl-C stops them.");
        stopped.await();
    }
}
