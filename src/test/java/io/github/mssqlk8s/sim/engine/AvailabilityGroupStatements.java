package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import io.github.mssqlk8s.sim.engine.AvailabilityGroupState.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * CREATE / ALTER / DROP AVAILABILITY GROUP with CLUSTER_TYPE = EXTERNAL semantics: role changes and lease or
 * durability settings need the session context {@code external_cluster = yes}; configuration changes on the
 * primary raise the sequence number, which secondaries copy.
 */
final class AvailabilityGroupStatements {

    /** A replica as written in CREATE/ADD/MODIFY REPLICA: options keyed ENDPOINT_URL, …, ALLOW_CONNECTIONS. */
    private record ReplicaSpec(String serverName, Map<String, String> options) {
    }

    private AvailabilityGroupStatements() {
    }

    static Statement.Action parse(TokenCursor in) throws SimSqlException {
        String verb = in.next().text().toUpperCase(Locale.ROOT);
        in.expectWords("AVAILABILITY", "GROUP");
        String name = in.identifier();
        return switch (verb) {
            case "CREATE" -> create(in, name);
            case "DROP" -> ctx -> drop(ctx, name);
            default -> {
                Statement.Action action = alter(in, name);
                yield ctx -> {
                    action.run(ctx);
                    ctx.done(0, false);
                };
            }
        };
    }

    // ---- parsing ----

    private static Statement.Action create(TokenCursor in, String name) throws SimSqlException {
        Map<String, Object> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (in.acceptWord("WITH")) {
            in.expectSymbol("(");
            options = OptionList.parse(in);
            in.expectSymbol(")");
        }
        in.expectWords("FOR");
        List<String> databases = new ArrayList<>();
        if (in.acceptWord("DATABASE")) {
            do {
                databases.add(in.identifier());
            } while (in.acceptSymbol(","));
        }
        in.expectWords("REPLICA", "ON");
        List<ReplicaSpec> replicas = new ArrayList<>();
        do {
            replicas.add(replicaSpec(in));
        } while (in.acceptSymbol(","));
        Map<String, Object> opts = options;
        return ctx -> create(ctx, name, opts, databases, replicas);
    }

    private static ReplicaSpec replicaSpec(TokenCursor in) throws SimSqlException {
        String server = in.nameOrString();
        in.expectWords("WITH");
        in.expectSymbol("(");
        Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        do {
            String key = in.identifier().toUpperCase(Locale.ROOT);
            if (key.equals("SECONDARY_ROLE") || key.equals("PRIMARY_ROLE")) {
                in.expectSymbol("(");
                do {
                    String inner = in.identifier().toUpperCase(Locale.ROOT);
                    in.expectSymbol("=");
                    String value = value(in);
                    if (key.equals("SECONDARY_ROLE")) {
                        options.put(inner, value);
                    }
                } while (in.acceptSymbol(","));
                in.expectSymbol(")");
                continue;
            }
            in.expectSymbol("=");
            options.put(key, value(in));
        } while (in.acceptSymbol(","));
        in.expectSymbol(")");
        return new ReplicaSpec(server, options);
    }

    private static String value(TokenCursor in) throws SimSqlException {
        Token t = in.next();
        return switch (t.kind()) {
            case STRING -> (String) t.value();
            case NUMBER -> t.text();
            case WORD, QUOTED_IDENT -> t.name().toUpperCase(Locale.ROOT);
            default -> throw Errors.syntax(t.text());
        };
    }

    private static Statement.Action alter(TokenCursor in, String name) throws SimSqlException {
        if (in.acceptWord("JOIN")) {
            String clusterType = "WSFC";
            if (in.acceptWord("WITH")) {
                in.expectSymbol("(");
                in.expectOption("CLUSTER_TYPE");
                clusterType = in.identifier().toUpperCase(Locale.ROOT);
                in.expectSymbol(")");
            }
            String ct = clusterType;
            return ctx -> join(ctx, name, ct);
        }
        if (in.acceptWords("GRANT", "CREATE", "ANY", "DATABASE")) {
            return ctx -> local(ctx, name).createAnyDatabaseGranted = true;
        }
        if (in.acceptWords("DENY", "CREATE", "ANY", "DATABASE")) {
            return ctx -> local(ctx, name).createAnyDatabaseGranted = false;
        }
        if (in.acceptWords("ADD", "REPLICA", "ON")) {
            ReplicaSpec spec = replicaSpec(in);
            return ctx -> addReplica(ctx, name, spec);
        }
        if (in.acceptWords("MODIFY", "REPLICA", "ON")) {
            ReplicaSpec spec = replicaSpec(in);
            return ctx -> modifyReplica(ctx, name, spec);
        }
        if (in.acceptWords("REMOVE", "REPLICA", "ON")) {
            String server = in.nameOrString();
            return ctx -> removeReplica(ctx, name, server);
        }
        if (in.acceptWords("ADD", "DATABASE")) {
            String db = in.identifier();
            return ctx -> addDatabase(ctx, name, db);
        }
        if (in.acceptWords("REMOVE", "DATABASE")) {
            String db = in.identifier();
            return ctx -> removeDatabase(ctx, name, db);
        }
        if (in.acceptWord("FAILOVER")) {
            return ctx -> RoleChanges.failover(ctx, local(ctx, name), false);
        }
        if (in.acceptWord("FORCE_FAILOVER_ALLOW_DATA_LOSS")) {
            return ctx -> RoleChanges.failover(ctx, local(ctx, name), true);
        }
        if (in.acceptWord("OFFLINE")) {
            return ctx -> RoleChanges.offline(ctx, local(ctx, name));
        }
        if (in.acceptWord("SET")) {
            in.expectSymbol("(");
            Map<String, Object> options = OptionList.parse(in);
            in.expectSymbol(")");
            return ctx -> set(ctx, name, options);
        }
        throw in.syntaxError();
    }

    // ---- execution ----

    static AvailabilityGroupState local(ExecContext ctx, String name) throws SimSqlException {
        AvailabilityGroupState ag = ctx.instance.availabilityGroups.get(name);
        if (ag == null || !ctx.instance.security.hasPermissionOn(ctx.session.login, "ALTER", "AVAILABILITY GROUP", name,
                "ALTER ANY AVAILABILITY GROUP")) {
            throw Errors.cannot("alter", "availability group", name);
        }
        ctx.instance.checkLease(ag);
        return ag;
    }

    private static AvailabilityGroupState primary(ExecContext ctx, String name) throws SimSqlException {
        AvailabilityGroupState ag = local(ctx, name);
        if (ag.localRole != Role.PRIMARY) {
            throw Errors.notPrimaryForAlter(name);
        }
        return ag;
    }

    private static void create(ExecContext ctx, String name, Map<String, Object> options, List<String> databases,
            List<ReplicaSpec> replicas) throws SimSqlException {
        SimulatedInstance instance = ctx.instance;
        if (!instance.security.mayCreateAvailabilityGroup(ctx.session.login)) {
            throw Errors.permissionDeniedInDatabase("CREATE AVAILABILITY GROUP", "master");
        }
        if (!instance.options.hadrEnabled) {
            throw Errors.simulator("Always On Availability Groups is not enabled on this instance (MSSQL_ENABLE_HADR).");
        }
        if (instance.availabilityGroups.containsKey(name)) {
            throw Errors.simulator("The availability group '" + name + "' already exists on this instance.");
        }
        if (instance.endpoint == null) {
            throw Errors.simulator("No database mirroring endpoint exists on this instance; create one first.");
        }
        if (replicas.stream().noneMatch(r -> r.serverName().equalsIgnoreCase(instance.name))) {
            throw Errors.simulator("The local server '" + instance.name + "' is not among the replicas of '" + name + "'.");
        }
        for (String db : databases) {
            checkEligible(instance, db);
        }
        AvailabilityGroupState ag = new AvailabilityGroupState(name, instance.newObjectId(), UUID.randomUUID(), Role.PRIMARY);
        ag.clusterType = String.valueOf(options.getOrDefault("CLUSTER_TYPE", "WSFC"));
        ag.dbFailover = "ON".equals(options.get("DB_FAILOVER"));
        ag.writeLeaseValiditySeconds = intOption(options, "WRITE_LEASE_VALIDITY", 0);
        ag.requiredSynchronizedSecondaries = intOption(options, "REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT", 0);
        ag.sequenceNumber = 1;
        for (ReplicaSpec spec : replicas) {
            ReplicaConfig r = new ReplicaConfig(UUID.randomUUID(), spec.serverName());
            apply(r, spec);
            ag.replicas.add(r);
        }
        for (String db : databases) {
            ag.databases.add(db);
            instance.databases.get(db).availabilityGroup = name;
        }
        instance.startLeaseIfConfigured(ag);
        instance.availabilityGroups.put(name, ag);
        ctx.done(0, false);
    }

    private static int intOption(Map<String, Object> options, String key, int fallback) {
        Object v = options.get(key);
        return v == null ? fallback : Values.toDecimal(v).intValue();
    }

    private static void apply(ReplicaConfig r, ReplicaSpec spec) throws SimSqlException {
        for (Map.Entry<String, String> e : spec.options().entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "ENDPOINT_URL" -> r.endpointUrl = v;
                case "AVAILABILITY_MODE" -> r.availabilityMode = oneOf(v, "SYNCHRONOUS_COMMIT", "ASYNCHRONOUS_COMMIT", "CONFIGURATION_ONLY");
                case "FAILOVER_MODE" -> r.failoverMode = oneOf(v, "AUTOMATIC", "MANUAL", "EXTERNAL");
                case "SEEDING_MODE" -> r.seedingMode = oneOf(v, "AUTOMATIC", "MANUAL");
                case "ALLOW_CONNECTIONS" -> r.secondaryAllowConnections = oneOf(v, "NO", "READ_ONLY", "ALL");
                case "SESSION_TIMEOUT" -> r.sessionTimeoutSeconds = Integer.parseInt(v);
                default -> {
                    // BACKUP_PRIORITY, READ_ONLY_ROUTING_URL: accepted, not modelled
                }
            }
        }
    }

    private static String oneOf(String value, String... allowed) throws SimSqlException {
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw Errors.syntax(value);
    }

    private static void checkEligible(SimulatedInstance instance, String dbName) throws SimSqlException {
        Database db = instance.database(dbName);
        if (db.isSystem() || !db.recoveryModel.equals("FULL")) {
            throw Errors.simulator("Database '" + dbName + "' cannot join an availability group: it must be a user"
                    + " database in the FULL recovery model.");
        }
        if (!db.backedUp) {
            throw Errors.simulator("Database '" + dbName + "' cannot join an availability group: it has no full backup.");
        }
        if (db.availabilityGroup != null) {
            throw Errors.simulator("Database '" + dbName + "' is already joined to availability group '"
                    + db.availabilityGroup + "'.");
        }
    }

    private static void join(ExecContext ctx, String name, String clusterType) throws SimSqlException {
        SimulatedInstance instance = ctx.instance;
        if (!instance.security.hasServerPermission(ctx.session.login, "ALTER ANY AVAILABILITY GROUP")) {
            throw Errors.cannot("alter", "availability group", name);
        }
        if (instance.availabilityGroups.containsKey(name)) {
            throw Errors.simulator("The local replica has already joined availability group '" + name + "'.");
        }
        AvailabilityGroupState ag = new AvailabilityGroupState(name, instance.newObjectId(), null, Role.SECONDARY);
        ag.clusterType = clusterType;
        instance.availabilityGroups.put(name, ag);
    }

    private static void addReplica(ExecContext ctx, String name, ReplicaSpec spec) throws SimSqlException {
        AvailabilityGroupState ag = primary(ctx, name);
        int required = ag.requiredSynchronizedSecondaries;
        if (ag.replica(spec.serverName()) != null) {
            throw Errors.simulator("Replica '" + spec.serverName() + "' is already part of availability group '" + name + "'.");
        }
        ReplicaConfig r = new ReplicaConfig(UUID.randomUUID(), spec.serverName());
        apply(r, spec);
        ag.replicas.add(r);
        ConfigurationCommit.commit(ctx, ag, required);
    }

    private static void modifyReplica(ExecContext ctx, String name, ReplicaSpec spec) throws SimSqlException {
        AvailabilityGroupState ag = primary(ctx, name);
        int required = ag.requiredSynchronizedSecondaries;
        ReplicaConfig r = ag.replica(spec.serverName());
        if (r == null) {
            throw Errors.cannot("modify", "availability replica", spec.serverName());
        }
        apply(r, spec);
        ConfigurationCommit.commit(ctx, ag, required);
    }

    private static void removeReplica(ExecContext ctx, String name, String server) throws SimSqlException {
        AvailabilityGroupState ag = primary(ctx, name);
        int required = ag.requiredSynchronizedSecondaries;
        ReplicaConfig r = ag.replica(server);
        if (r == null || server.equalsIgnoreCase(ctx.instance.name)) {
            throw Errors.cannot("remove", "availability replica", server);
        }
        ag.replicas.remove(r);
        ag.remotes.remove(server.toLowerCase(Locale.ROOT));
        ConfigurationCommit.commit(ctx, ag, required);
    }

    private static void addDatabase(ExecContext ctx, String name, String db) throws SimSqlException {
        AvailabilityGroupState ag = primary(ctx, name);
        int required = ag.requiredSynchronizedSecondaries;
        checkEligible(ctx.instance, db);
        ag.databases.add(db);
        ctx.instance.databases.get(db).availabilityGroup = ag.name;
        ConfigurationCommit.commit(ctx, ag, required);
    }

    private static void removeDatabase(ExecContext ctx, String name, String db) throws SimSqlException {
        AvailabilityGroupState ag = primary(ctx, name);
        int required = ag.requiredSynchronizedSecondaries;
        if (!ag.databases.remove(db)) {
            throw Errors.cannot("remove", "availability database", db);
        }
        ctx.instance.databases.get(db).availabilityGroup = null;
        ConfigurationCommit.commit(ctx, ag, required);
    }

    private static void set(ExecContext ctx, String name, Map<String, Object> options) throws SimSqlException {
        AvailabilityGroupState ag = local(ctx, name);
        if (options.containsKey("ROLE")) {
            RoleChanges.becomeSecondary(ctx, ag, String.valueOf(options.get("ROLE")));
            return;
        }
        if (options.containsKey("WRITE_LEASE_VALIDITY")) {
            RoleChanges.renewLease(ctx, ag, intOption(options, "WRITE_LEASE_VALIDITY", 0));
            return;
        }
        if (options.containsKey("REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT")) {
            RoleChanges.requireExternalClusterContext(ctx, ag);
        }
        if (ag.localRole != Role.PRIMARY) {
            throw Errors.notPrimaryForAlter(name);
        }
        int required = ag.requiredSynchronizedSecondaries;
        for (Map.Entry<String, Object> e : options.entrySet()) {
            switch (e.getKey().toUpperCase(Locale.ROOT)) {
                case "REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT" -> {
                    int n = Values.toDecimal(e.getValue()).intValue();
                    if (n < 0 || n > ag.replicas.size() - 1) {
                        throw Errors.simulator("REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT must be between 0 and "
                                + (ag.replicas.size() - 1) + ".");
                    }
                    ag.requiredSynchronizedSecondaries = n;
                }
                case "DB_FAILOVER" -> ag.dbFailover = "ON".equals(e.getValue());
                case "FAILURE_CONDITION_LEVEL", "HEALTH_CHECK_TIMEOUT", "AUTOMATED_BACKUP_PREFERENCE", "DTC_SUPPORT" -> {
                    // accepted, not modelled
                }
                default -> throw Errors.syntax(e.getKey());
            }
        }
        ConfigurationCommit.commit(ctx, ag, required);
    }

    private static void drop(ExecContext ctx, String name) throws SimSqlException {
        SimulatedInstance instance = ctx.instance;
        AvailabilityGroupState ag = instance.availabilityGroups.get(name);
        if (ag == null || !instance.security.hasPermissionOn(ctx.session.login, "CONTROL", "AVAILABILITY GROUP", name,
                "ALTER ANY AVAILABILITY GROUP")) {
            throw Errors.cannot("drop", "availability group", name);
        }
        for (Database db : instance.databases.values()) {
            if (name.equalsIgnoreCase(db.availabilityGroup)) {
                db.availabilityGroup = null;
                if (ag.localRole != Role.PRIMARY) {
                    db.forcedState = "RESTORING";
                }
            }
        }
        instance.availabilityGroups.remove(name);
        instance.security.dropGrantsOn("AVAILABILITY GROUP", name);
        ctx.done(0, false);
    }
}
