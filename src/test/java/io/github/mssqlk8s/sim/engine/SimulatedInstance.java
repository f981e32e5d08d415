package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimInstance;
import io.github.mssqlk8s.sim.SimSession;
import io.github.mssqlk8s.sim.SimSqlException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated SQL Server instance: its catalog state (logins, certificates, endpoint, databases,
 * availability groups), its faults and its statement log. All state is guarded by the network's lock.
 */
public final class SimulatedInstance implements SimInstance {

    final SimNetwork network;
    final String name;
    final InstanceOptions options;
    final Faults faults = new Faults();
    final StatementLog statementLog = new StatementLog();
    final AppLocks appLocks = new AppLocks();
    final Security security;
    final Map<String, Certificate> certificates = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, Database> databases = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, AvailabilityGroupState> availabilityGroups = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Endpoint endpoint;
    boolean masterKey;
    LocalDateTime masterKeyModified;
    private final AtomicInteger nextSpid = new AtomicInteger(51);
    private int nextDatabaseId = 5;
    private int nextCertificateId = 256;
    private int nextObjectId = 65536;

    private volatile Availability availability = Availability.RUNNING;
    private volatile long epoch;
    private volatile String productVersion;

    SimulatedInstance(SimNetwork network, String name, InstanceOptions options) {
        this.network = network;
        this.name = name;
        this.options = options;
        this.security = new Security(options.saPassword, now());
        this.productVersion = options.productVersion;
        for (String system : List.of("master", "tempdb", "model", "msdb")) {
            Database db = new Database(databases.size() + 1, system, now());
            databases.put(system, db);
        }
    }

    // ---- SimInstance ----

    @Override
    public String serverName() {
        return name;
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public Duration responseDelay() {
        return faults.responseDelay;
    }

    @Override
    public long epoch() {
        return epoch;
    }

    @Override
    public SimSession login(String loginName, String password, String database, String applicationName)
            throws SimSqlException {
        return network.locked(() -> {
            if (availability == Availability.STOPPED) {
                throw Errors.simulator("The instance " + name + " is not running.");
            }
            Login login = security.login(loginName).orElseThrow(() -> Errors.loginFailed(loginName, 5));
            if (!login.password.equals(password)) {
                throw Errors.loginFailed(loginName, 8);
            }
            String db = database == null || database.isBlank() ? "master" : database;
            Database target = databases.get(db);
            if (target == null) {
                throw Errors.of(4060, 11, "Cannot open database \"" + db + "\" requested by the login. The login failed.");
            }
            return new EngineSession(this, nextSpid.getAndIncrement(), login, target.name, applicationName, epoch);
        });
    }

    // ---- faults and lifecycle (test API) ----

    /** Clean shutdown: connections die, the listener refuses. */
    public void stop() {
        goDown();
    }

    /** Crash: like stop, uncommitted work is lost. */
    public void crash() {
        goDown();
    }

    /** Starts after stop/crash: a former primary comes back RESOLVING, every secondary disconnected. */
    public void start() {
        network.lockedQuietly(() -> {
            if (availability != Availability.STOPPED) {
                return null;
            }
            for (AvailabilityGroupState ag : availabilityGroups.values()) {
                if (ag.localRole == AvailabilityGroupState.Role.PRIMARY) {
                    ag.goResolving();
                }
                ag.leaseActive = false;
                ag.connectedToPrimary = false;
                ag.remotes.clear();
            }
            for (Database db : databases.values()) {
                if (db.availabilityGroup != null) {
                    db.syncState = "NOT SYNCHRONIZING";
                    db.failoverReady = false;
                }
            }
            availability = Availability.RUNNING;
            return null;
        });
    }

    public void restart() {
        crash();
        start();
    }

    /** A pod restarted on another image: stops, runs {@code version} from now on, starts. */
    public void restartOnVersion(String version) {
        crash();
        productVersion = version;
        start();
    }

    /** {@code SERVERPROPERTY('ProductVersion')}. */
    public String productVersion() {
        return productVersion;
    }

    /** Accepts connections but never answers until {@link #unhang()}. */
    public void hang() {
        availability = Availability.HUNG;
    }

    public void unhang() {
        if (availability == Availability.HUNG) {
            availability = Availability.RUNNING;
        }
    }

    public void setResponseDelay(Duration delay) {
        faults.responseDelay = delay;
    }

    /**
     * Late statements: every batch received from now on starts executing {@code delay} after it arrived (a queue or
     * a CPU-starved scheduler), even when the client gave up meanwhile: a statement that timed out at the client may
     * still run. {@link Duration#ZERO} undoes it.
     */
    public void setExecutionDelay(Duration delay) {
        faults.executionDelay = delay;
    }

    /** Forces an sp_server_diagnostics component (system, resource, query_processing, io_subsystem, events) to a state 0–3. */
    public void forceComponentState(String component, int state) {
        faults.componentStates.put(component.toLowerCase(java.util.Locale.ROOT), state);
    }

    public void clearComponentStates() {
        faults.componentStates.clear();
    }

    /** Forces a database into SUSPECT, RECOVERING, RECOVERY_PENDING, EMERGENCY, OFFLINE…; null clears. */
    public void forceDatabaseState(String database, String state) {
        network.lockedQuietly(() -> {
            Database db = databases.get(database);
            if (db == null) {
                throw new IllegalArgumentException("no database " + database + " on " + name);
            }
            db.forcedState = state;
            return null;
        });
    }

    /** The next {@code statements} statements fail with this error number. */
    public void failNextStatements(int statements, int errorNumber) {
        faults.failNext(statements, errorNumber);
    }

    public StatementLog statementLog() {
        return statementLog;
    }

    /** The local role of an availability group (PRIMARY, SECONDARY, RESOLVING), empty if not joined. */
    public Optional<String> role(String availabilityGroup) {
        return network.lockedQuietly(() -> Optional.ofNullable(availabilityGroups.get(availabilityGroup))
                .map(ag -> ag.localRole.name()));
    }

    /**
     * Whether a write to the AG's databases would be accepted now: running, not hung, PRIMARY with a write lease
     * that has not run out (or none configured). For monitors of writable primaries in scenario tests.
     */
    public boolean acceptsWrites(String availabilityGroup) {
        if (availability != Availability.RUNNING) {
            return false;
        }
        return network.lockedQuietly(() -> {
            AvailabilityGroupState ag = availabilityGroups.get(availabilityGroup);
            if (ag == null) {
                return false;
            }
            checkLease(ag);
            return ag.localRole == AvailabilityGroupState.Role.PRIMARY;
        });
    }

    // ---- engine internals ----

    private void goDown() {
        network.lockedQuietly(() -> {
            if (availability != Availability.STOPPED) {
                epoch++;
                availability = Availability.STOPPED;
                appLocks.clear();
            }
            return null;
        });
    }

    boolean isServing() {
        return availability == Availability.RUNNING;
    }

    long nanoTime() {
        return options.nanoTime.getAsLong();
    }

    LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    int newDatabaseId() {
        return nextDatabaseId++;
    }

    int newCertificateId() {
        return nextCertificateId++;
    }

    int newObjectId() {
        return nextObjectId++;
    }

    Certificate certificateById(int id) {
        return certificates.values().stream().filter(c -> c.id == id).findFirst().orElse(null);
    }

    /** Expires the write lease lazily: a primary whose lease ran out goes RESOLVING (takes itself offline). */
    void checkLease(AvailabilityGroupState ag) {
        if (ag.localRole == AvailabilityGroupState.Role.PRIMARY && ag.leaseActive && nanoTime() - ag.leaseExpiryNanos >= 0) {
            ag.goResolving();
        }
    }

    void startLeaseIfConfigured(AvailabilityGroupState ag) {
        ag.leaseActive = ag.writeLeaseValiditySeconds > 0;
        ag.leaseExpiryNanos = nanoTime() + ag.writeLeaseValiditySeconds * 1_000_000_000L
                + behaviour().writeLeaseOverstay.toNanos();
        ag.leaseEverSet = true;
    }

    /** A new primary that keeps its own write lease: whatever a renewal last set on it, expired if none did. */
    void keepOwnLease(AvailabilityGroupState ag) {
        ag.leaseActive = ag.writeLeaseValiditySeconds > 0;
        if (!ag.leaseEverSet) {
            ag.leaseExpiryNanos = nanoTime();
            ag.leaseEverSet = true;
        }
    }

    EngineBehaviour behaviour() {
        return network.behaviour();
    }

    Database database(String dbName) throws SimSqlException {
        Database db = databases.get(dbName);
        if (db == null) {
            throw Errors.databaseMissing(dbName);
        }
        return db;
    }

    /** Throws as SQL Server does when a database cannot be read now. */
    void ensureReadable(Database db) throws SimSqlException {
        if (db.forcedState != null) {
            throw Errors.databaseNotAccessible(db.name, db.forcedState);
        }
        AvailabilityGroupState ag = db.availabilityGroup == null ? null : availabilityGroups.get(db.availabilityGroup);
        if (ag == null) {
            return;
        }
        checkLease(ag);
        switch (ag.localRole) {
            case RESOLVING -> throw Errors.notPrimaryOrSecondary(db.name);
            case SECONDARY -> {
                ReplicaConfig local = ag.replica(name);
                if (local != null && local.secondaryAllowConnections.equals("NO")) {
                    throw Errors.of(976, 14, "The target database, '" + db.name + "', is participating in an"
                            + " availability group and is currently not accessible for queries. Either data movement is"
                            + " suspended or the availability replica is not enabled for read access.");
                }
            }
            default -> {
            }
        }
    }

    /** Throws as SQL Server does when a database cannot be written now (secondary, resolving, lease expired). */
    void ensureWritable(Database db) throws SimSqlException {
        ensureReadable(db);
        AvailabilityGroupState ag = db.availabilityGroup == null ? null : availabilityGroups.get(db.availabilityGroup);
        if (ag != null && ag.localRole == AvailabilityGroupState.Role.SECONDARY) {
            throw Errors.readOnly(db.name);
        }
    }
}
