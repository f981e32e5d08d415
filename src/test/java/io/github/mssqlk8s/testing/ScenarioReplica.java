package io.github.mssqlk8s.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.agent.ag.AgAgentLoop;
import io.github.mssqlk8s.agent.health.InJvmHealthAgent;
import io.github.mssqlk8s.sim.engine.SimulatedInstance;
import io.github.mssqlk8s.sql.AvailabilityGroupSql;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One replica of a scenario, everything {@link AgScenarioHarness} keeps of it in one place: its SQL Server, what its
 * pod mounts, its health agent, the seams its faults use (API proxy, clock, tick pauses) and its ag-agent while one
 * runs. The seams outlive agent restarts, as a pod's do.
 */
final class ScenarioReplica {

    /** A started ag-agent with what it holds open. */
    record RunningAgent(AgAgentLoop loop, KubernetesClient client, AvailabilityGroupSql sql) {

        void close() {
            sql.close();
            client.close();
        }
    }

    final String name;
    /** Which replica of the scenario this is, from 0: its pod's IP. */
    final int ordinal;
    final SimulatedInstance instance;
    final int port;
    final Path loginDirectory;
    final Path saPasswordFile;
    final InJvmHealthAgent health;
    final SkewedClock clock = new SkewedClock();
    final AgentFreeze freeze = new AgentFreeze();
    private CuttableProxy proxy;
    private RunningAgent agent;
    private MeterRegistry meters;

    ScenarioReplica(String name, int ordinal, SimulatedInstance instance, int port, Path loginDirectory,
                    Path saPasswordFile, InJvmHealthAgent health) {
        this.name = name;
        this.ordinal = ordinal;
        this.instance = instance;
        this.port = port;
        this.loginDirectory = loginDirectory;
        this.saPasswordFile = saPasswordFile;
        this.health = health;
    }

    /** The agent's own way to the API server, made on its first start and kept across restarts. */
    synchronized CuttableProxy proxy(int apiPort) {
        if (proxy == null) {
            proxy = new CuttableProxy(apiPort);
        }
        return proxy;
    }

    synchronized CuttableProxy proxyOrNull() {
        return proxy;
    }

    synchronized void started(RunningAgent running, MeterRegistry registry) {
        agent = running;
        meters = registry;
    }

    /** The agent that ran, now no longer this replica's; null when none ran. */
    synchronized RunningAgent takeAgent() {
        RunningAgent running = agent;
        agent = null;
        return running;
    }

    synchronized boolean agentRuns() {
        return agent != null;
    }

    synchronized MeterRegistry meters() {
        return meters;
    }

    /** SIGTERM: the agent leaves or hands over; waits for it. */
    void stopAgent() throws InterruptedException {
        RunningAgent running = takeAgent();
        if (running != null) {
            running.loop().stop(Duration.ofSeconds(30));
            running.close();
        }
    }

    /** The agent process dies at once. */
    void killAgent() {
        RunningAgent running = takeAgent();
        if (running != null) {
            running.loop().kill();
            running.close();
        }
    }

    /** Everything it holds, at the end of the scenario. */
    void close() {
        killAgent();
        health.close();
        CuttableProxy p = proxyOrNull();
        if (p != null) {
            p.close();
        }
    }
}
