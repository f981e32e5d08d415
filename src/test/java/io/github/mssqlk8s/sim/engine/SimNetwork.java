package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A set of simulated instances in one JVM that can reach each other through their mirroring endpoints.
 * One lock guards the state of every instance (simple and deadlock-free; performance is not a goal); a
 * {@link LogShipper} thread moves log blocks from primaries to secondaries. Close it after the test.
 */
public final class SimNetwork implements AutoCloseable {

    /** Work done under the network lock that may fail with a SQL error. */
    @FunctionalInterface
    interface SqlAction<T> {
        T run() throws SimSqlException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, SimulatedInstance> instances = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, String> aliases = new ConcurrentHashMap<>();
    private final Map<String, ReplicaLink> links = new ConcurrentHashMap<>();
    private final LogShipper shipper;
    private final EngineBehaviour behaviour = new EngineBehaviour();

    public SimNetwork() {
        this.shipper = new LogShipper(this);
        shipper.start();
    }

    public SimulatedInstance createInstance(String name, String saPassword) {
        return createInstance(name, InstanceOptions.withSaPassword(saPassword));
    }

    public SimulatedInstance createInstance(String name, InstanceOptions options) {
        return lockedQuietly(() -> {
            if (instances.containsKey(name)) {
                throw new IllegalArgumentException("instance " + name + " exists");
            }
            SimulatedInstance i = new SimulatedInstance(this, name, options);
            instances.put(name, i);
            return i;
        });
    }

    public SimulatedInstance instance(String name) {
        return lockedQuietly(() -> instances.get(name));
    }

    /** The switches between the simulator's polite behaviour and the worst legal one (settable at any time). */
    public EngineBehaviour behaviour() {
        return behaviour;
    }

    /** Every instance, in name order. */
    public List<SimulatedInstance> instances() {
        return all();
    }

    /** Lets endpoint URLs name an instance by another host name (e.g. a pod's DNS name). */
    public void alias(String host, String instanceName) {
        aliases.put(host.toLowerCase(Locale.ROOT), instanceName);
    }

    /** The link between two instances (either order). */
    public ReplicaLink link(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        String key = x.compareTo(y) <= 0 ? x + "|" + y : y + "|" + x;
        return links.computeIfAbsent(key, k -> new ReplicaLink());
    }

    /** Cuts every link of one instance. */
    public void isolate(String name) {
        for (SimulatedInstance other : all()) {
            if (!other.name.equalsIgnoreCase(name)) {
                link(name, other.name).cut();
            }
        }
    }

    /** Restores every link of one instance. */
    public void reconnect(String name) {
        for (SimulatedInstance other : all()) {
            if (!other.name.equalsIgnoreCase(name)) {
                link(name, other.name).restore();
            }
        }
    }

    /** True when both endpoints are started and each trusts the certificate the other authenticates with. */
    public boolean endpointsConnect(String a, String b) {
        return lockedQuietly(() -> {
            SimulatedInstance x = instances.get(a);
            SimulatedInstance y = instances.get(b);
            return x != null && y != null && accepts(x, y) && accepts(y, x);
        });
    }

    @Override
    public void close() {
        shipper.shutdown();
    }

    // ---- engine internals ----

    List<SimulatedInstance> all() {
        return lockedQuietly(() -> new ArrayList<>(instances.values()));
    }

    /** Finds the instance a replica names: by server name, alias of the endpoint host, or its first DNS label. */
    SimulatedInstance resolve(ReplicaConfig replica) {
        SimulatedInstance byName = instances.get(replica.serverName);
        if (byName != null) {
            return byName;
        }
        String host = replica.endpointHost();
        if (host == null) {
            return null;
        }
        String alias = aliases.get(host.toLowerCase(Locale.ROOT));
        if (alias != null) {
            return instances.get(alias);
        }
        SimulatedInstance byHost = instances.get(host);
        return byHost != null ? byHost : instances.get(host.split("\\.")[0]);
    }

    boolean reachable(SimulatedInstance a, SimulatedInstance b) {
        return a.isServing() && b.isServing() && !link(a.name, b.name).isCut() && accepts(a, b) && accepts(b, a);
    }

    /**
     * Whether {@code local}'s endpoint admits {@code peer}: started endpoints, the peer authenticates with a
     * certificate whose private key it holds, local has imported that certificate, and CONNECT on the local
     * endpoint was granted to someone (the login the certificate maps to).
     */
    private static boolean accepts(SimulatedInstance local, SimulatedInstance peer) {
        Endpoint mine = local.endpoint;
        Endpoint theirs = peer.endpoint;
        if (mine == null || theirs == null || !"STARTED".equals(mine.state) || !"STARTED".equals(theirs.state)) {
            return false;
        }
        Certificate peerCert = peer.certificates.get(theirs.certificateName);
        Certificate myCert = local.certificates.get(mine.certificateName);
        if (peerCert == null || peerCert.privateKey == null || myCert == null || myCert.privateKey == null) {
            return false;
        }
        boolean trusted = local.certificates.values().stream().anyMatch(c -> java.util.Arrays.equals(c.identity, peerCert.identity));
        return trusted && local.security.anyGrantOn("CONNECT", "ENDPOINT", mine.name);
    }

    <T> T locked(SqlAction<T> action) throws SimSqlException {
        lock.lock();
        try {
            return action.run();
        } finally {
            lock.unlock();
        }
    }

    <T> T lockedQuietly(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    ReentrantLock lock() {
        return lock;
    }

    List<SimulatedInstance> instancesUnlocked() {
        return new ArrayList<>(instances.values());
    }
}
