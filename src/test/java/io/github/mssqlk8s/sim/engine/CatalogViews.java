package io.github.mssqlk8s.sim.engine;

import static io.github.mssqlk8s.sim.engine.CatalogView.columns;

import io.github.mssqlk8s.sim.engine.AvailabilityGroupState.RemoteReplica;
import io.github.mssqlk8s.sim.engine.AvailabilityGroupState.Role;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The system views the simulator answers, built from instance state at query time. */
final class CatalogViews {

    private static final List<String> DB_STATES = List.of("ONLINE", "RESTORING", "RECOVERING", "RECOVERY_PENDING",
            "SUSPECT", "EMERGENCY", "OFFLINE");
    private static final List<String> SYNC_STATES = List.of(LogShipper.NOT_SYNCHRONIZING, LogShipper.SYNCHRONIZING,
            LogShipper.SYNCHRONIZED);
    private static final List<String> HEALTH = List.of("NOT_HEALTHY", "PARTIALLY_HEALTHY", "HEALTHY");

    private static final Map<String, CatalogView> VIEWS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        add(new CatalogView("databases", columns("name:NVARCHAR", "database_id:INT", "create_date:DATETIME2",
                "state:TINYINT", "state_desc:NVARCHAR", "recovery_model:TINYINT", "recovery_model_desc:NVARCHAR",
                "is_read_only:BIT", "replica_id:UNIQUEIDENTIFIER", "group_database_id:UNIQUEIDENTIFIER"), false,
                CatalogViews::databases));
        add(new CatalogView("server_principals", columns("name:NVARCHAR", "principal_id:INT", "sid:VARBINARY",
                "type:NVARCHAR", "type_desc:NVARCHAR", "is_disabled:BIT", "create_date:DATETIME2",
                "default_database_name:NVARCHAR"), false, CatalogViews::serverPrincipals));
        add(new CatalogView("server_permissions", columns("class:TINYINT", "class_desc:NVARCHAR", "major_id:INT",
                "minor_id:INT", "grantee_principal_id:INT", "grantor_principal_id:INT", "type:NVARCHAR",
                "permission_name:NVARCHAR", "state:NVARCHAR", "state_desc:NVARCHAR"), false,
                CatalogViews::serverPermissions));
        add(new CatalogView("symmetric_keys", columns("name:NVARCHAR", "principal_id:INT", "symmetric_key_id:INT",
                "key_length:INT", "key_algorithm:NVARCHAR", "algorithm_desc:NVARCHAR", "create_date:DATETIME2",
                "modify_date:DATETIME2"), false, CatalogViews::symmetricKeys));
        add(new CatalogView("certificates", columns("name:NVARCHAR", "certificate_id:INT", "principal_id:INT",
                "pvt_key_encryption_type:NVARCHAR", "pvt_key_encryption_type_desc:NVARCHAR", "issuer_name:NVARCHAR",
                "subject:NVARCHAR", "start_date:DATETIME2", "expiry_date:DATETIME2", "thumbprint:VARBINARY"), false,
                CatalogViews::certificates));
        add(new CatalogView("endpoints", columns("name:NVARCHAR", "endpoint_id:INT", "principal_id:INT",
                "protocol:TINYINT", "protocol_desc:NVARCHAR", "type:TINYINT", "type_desc:NVARCHAR", "state:TINYINT",
                "state_desc:NVARCHAR", "is_admin_endpoint:BIT"), false, ctx -> endpoints(ctx, false)));
        add(new CatalogView("database_mirroring_endpoints", columns("name:NVARCHAR", "endpoint_id:INT",
                "principal_id:INT", "protocol:TINYINT", "protocol_desc:NVARCHAR", "type:TINYINT", "type_desc:NVARCHAR",
                "state:TINYINT", "state_desc:NVARCHAR", "is_admin_endpoint:BIT", "role:TINYINT", "role_desc:NVARCHAR",
                "is_encryption_enabled:BIT", "connection_auth:TINYINT", "connection_auth_desc:NVARCHAR",
                "certificate_id:INT", "encryption_algorithm:TINYINT", "encryption_algorithm_desc:NVARCHAR"), false,
                ctx -> endpoints(ctx, true)));
        add(new CatalogView("tcp_endpoints", columns("name:NVARCHAR", "endpoint_id:INT", "port:INT",
                "type_desc:NVARCHAR", "state_desc:NVARCHAR"), false, CatalogViews::tcpEndpoints));
        add(new CatalogView("availability_groups", columns("group_id:UNIQUEIDENTIFIER", "name:NVARCHAR",
                "resource_id:NVARCHAR", "resource_group_id:NVARCHAR", "failure_condition_level:INT",
                "health_check_timeout:INT", "automated_backup_preference:TINYINT",
                "automated_backup_preference_desc:NVARCHAR", "basic_features:BIT", "dtc_support:BIT",
                "db_failover:BIT", "is_distributed:BIT", "cluster_type:TINYINT", "cluster_type_desc:NVARCHAR",
                "required_synchronized_secondaries_to_commit:INT", "sequence_number:BIGINT", "is_contained:BIT"),
                false, CatalogViews::availabilityGroups));
        add(new CatalogView("availability_replicas", columns("replica_id:UNIQUEIDENTIFIER",
                "group_id:UNIQUEIDENTIFIER", "replica_server_name:NVARCHAR", "endpoint_url:NVARCHAR",
                "availability_mode:TINYINT", "availability_mode_desc:NVARCHAR", "failover_mode:TINYINT",
                "failover_mode_desc:NVARCHAR", "session_timeout:INT", "secondary_role_allow_connections:TINYINT",
                "secondary_role_allow_connections_desc:NVARCHAR", "seeding_mode:TINYINT", "seeding_mode_desc:NVARCHAR"),
                false, CatalogViews::availabilityReplicas));
        add(new CatalogView("availability_databases_cluster", columns("group_id:UNIQUEIDENTIFIER",
                "group_database_id:UNIQUEIDENTIFIER", "database_name:NVARCHAR", "truncation_lsn:DECIMAL"), false,
                CatalogViews::availabilityDatabasesCluster));
        add(new CatalogView("dm_hadr_availability_replica_states", columns("replica_id:UNIQUEIDENTIFIER",
                "group_id:UNIQUEIDENTIFIER", "is_local:BIT", "role:TINYINT", "role_desc:NVARCHAR",
                "operational_state:TINYINT", "operational_state_desc:NVARCHAR", "connected_state:TINYINT",
                "connected_state_desc:NVARCHAR", "recovery_health:TINYINT", "recovery_health_desc:NVARCHAR",
                "synchronization_health:TINYINT", "synchronization_health_desc:NVARCHAR",
                "last_connect_error_number:INT", "write_lease_remaining_ticks:BIGINT",
                "current_configuration_commit_start_time_utc:DATETIME2"), true,
                CatalogViews::replicaStates));
        add(new CatalogView("dm_hadr_database_replica_states", columns("database_id:INT", "group_id:UNIQUEIDENTIFIER",
                "replica_id:UNIQUEIDENTIFIER", "group_database_id:UNIQUEIDENTIFIER", "is_local:BIT",
                "is_primary_replica:BIT", "synchronization_state:TINYINT", "synchronization_state_desc:NVARCHAR",
                "is_commit_participant:BIT", "synchronization_health:TINYINT", "synchronization_health_desc:NVARCHAR",
                "database_state:TINYINT", "database_state_desc:NVARCHAR", "is_suspended:BIT",
                "last_hardened_lsn:DECIMAL", "last_commit_lsn:DECIMAL", "log_send_queue_size:BIGINT",
                "redo_queue_size:BIGINT"), true, CatalogViews::databaseReplicaStates));
        add(new CatalogView("dm_hadr_availability_group_states", columns("group_id:UNIQUEIDENTIFIER",
                "primary_replica:NVARCHAR", "primary_recovery_health:TINYINT", "primary_recovery_health_desc:NVARCHAR",
                "synchronization_health:TINYINT", "synchronization_health_desc:NVARCHAR"), true,
                CatalogViews::groupStates));
        add(new CatalogView("tables", columns("name:NVARCHAR", "object_id:INT", "schema_id:INT", "type:NVARCHAR",
                "type_desc:NVARCHAR"), false, CatalogViews::tables));
    }

    private CatalogViews() {
    }

    private static void add(CatalogView v) {
        VIEWS.put(v.name(), v);
    }

    /** The view for {@code sys.x} / {@code db.sys.x}, or null. */
    static CatalogView find(List<String> nameParts) {
        int n = nameParts.size();
        if (n < 2 || !nameParts.get(n - 2).equalsIgnoreCase("sys")) {
            return null;
        }
        return VIEWS.get(nameParts.get(n - 1));
    }

    static UUID groupDatabaseId(AvailabilityGroupState ag, String database) {
        return UUID.nameUUIDFromBytes((ag.groupId + "/" + database.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
    }

    private static short code(List<String> names, String name) {
        return (short) Math.max(0, names.indexOf(name));
    }

    private static List<Object[]> databases(ExecContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        SimulatedInstance in = ctx.instance;
        in.databases.values().stream().sorted((a, b) -> Integer.compare(a.id, b.id)).forEach(d -> {
            AvailabilityGroupState ag = d.availabilityGroup == null ? null : in.availabilityGroups.get(d.availabilityGroup);
            ReplicaConfig local = ag == null ? null : ag.replica(in.name);
            String recovery = d.recoveryModel;
            rows.add(new Object[] {d.name, d.id, d.created, code(DB_STATES, d.stateDesc()), d.stateDesc(),
                (short) (recovery.equals("FULL") ? 1 : recovery.equals("BULK_LOGGED") ? 2 : 3), recovery,
                ag != null && ag.localRole == Role.SECONDARY, local == null ? null : local.replicaId,
                ag == null ? null : groupDatabaseId(ag, d.name)});
        });
        return rows;
    }

    private static List<Object[]> serverPrincipals(ExecContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Login l : ctx.instance.security.logins()) {
            rows.add(new Object[] {l.name, l.principalId, l.sid, "S", "SQL_LOGIN", false, l.created, "master"});
        }
        rows.add(new Object[] {"sysadmin", 3, new byte[] {3}, "R", "SERVER_ROLE", false, null, null});
        return rows;
    }

    private static List<Object[]> serverPermissions(ExecContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Grant g : ctx.instance.security.grants()) {
            rows.add(new Object[] {g.classNumber(), g.securableClass().replace(' ', '_'), g.majorId(), 0, g.granteeId(), 1,
                g.typeCode(), g.permission(), "G", "GRANT"});
        }
        return rows;
    }

    private static List<Object[]> symmetricKeys(ExecContext ctx) {
        SimulatedInstance in = ctx.instance;
        if (!in.masterKey) {
            return List.of();
        }
        return List.<Object[]>of(new Object[] {"##MS_DatabaseMasterKey##", 1, 101, 256, "A3", "AES_256",
            in.masterKeyModified, in.masterKeyModified});
    }

    private static List<Object[]> certificates(ExecContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Certificate c : ctx.instance.certificates.values()) {
            boolean key = c.privateKey != null;
            rows.add(new Object[] {c.name, c.id, 1, key ? "MK" : "NA",
                key ? "ENCRYPTED_BY_MASTER_KEY" : "NO_PRIVATE_KEY", c.subject, c.subject, c.startDate, c.expiryDate,
                c.thumbprint()});
        }
        return rows;
    }

    private static List<Object[]> endpoints(ExecContext ctx, boolean mirroring) {
        Endpoint e = ctx.instance.endpoint;
        if (e == null) {
            return List.of();
        }
        short state = (short) (e.state.equals("STARTED") ? 0 : e.state.equals("STOPPED") ? 1 : 2);
        Object[] base = {e.name, e.id, 1, (short) 2, "TCP", (short) 4, "DATABASE_MIRRORING", state, e.state, false};
        if (!mirroring) {
            return List.<Object[]>of(base);
        }
        Certificate cert = ctx.instance.certificates.get(e.certificateName);
        Object[] row = java.util.Arrays.copyOf(base, 18);
        row[10] = (short) (e.role.equals("ALL") ? 3 : e.role.equals("PARTNER") ? 1 : 2);
        row[11] = e.role;
        row[12] = !e.encryption.equals("DISABLED");
        row[13] = (short) 5;
        row[14] = "CERTIFICATE";
        row[15] = cert == null ? null : cert.id;
        row[16] = (short) (e.algorithm.equals("AES") ? 2 : 1);
        row[17] = e.algorithm;
        return List.<Object[]>of(row);
    }

    private static List<Object[]> tcpEndpoints(ExecContext ctx) {
        Endpoint e = ctx.instance.endpoint;
        return e == null ? List.of() : List.<Object[]>of(new Object[] {e.name, e.id, e.port, "DATABASE_MIRRORING", e.state});
    }

    private static List<Object[]> availabilityGroups(ExecContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (AvailabilityGroupState ag : ctx.instance.availabilityGroups.values()) {
            short cluster = (short) (ag.clusterType.equals("WSFC") ? 0 : ag.clusterType.equals("EXTERNAL") ? 1 : 2);
            rows.add(new Object[] {ag.groupId, ag.name, "", "", 3, 30000, (short) 2, "SECONDARY", false, false,
                ag.dbFailover, false, cluster, ag.clusterType.toLowerCase(Locale.ROOT),
                ag.requiredSynchronizedSecondaries, ag.sequenceNumber, false});
        }
        return rows;
    }

    private static List<Object[]> availabilityReplicas(ExecContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (AvailabilityGroupState ag : ctx.instance.availabilityGroups.values()) {
            for (ReplicaConfig r : ag.replicas) {
                short mode = (short) (r.isSynchronous() ? 1 : r.isConfigurationOnly() ? 4 : 0);
                short failover = (short) (r.failoverMode.equals("AUTOMATIC") ? 0 : r.failoverMode.equals("MANUAL") ? 1 : 2);
                short allow = (short) (r.secondaryAllowConnections.equals("NO") ? 0
                        : r.secondaryAllowConnections.equals("READ_ONLY") ? 1 : 2);
                rows.add(new Object[] {r.replicaId, ag.groupId, r.serverName, r.endpointUrl, mode, r.availabilityMode,
                    failover, r.failoverMode, r.sessionTimeoutSeconds, allow, r.secondaryAllowConnections,
                    (short) (r.seedingMode.equals("AUTOMATIC") ? 0 : 1), r.seedingMode});
            }
        }
        return rows;
    }

    private static List<Object[]> availabilityDatabasesCluster(ExecContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (AvailabilityGroupState ag : ctx.instance.availabilityGroups.values()) {
            for (String db : ag.databases) {
                rows.add(new Object[] {ag.groupId, groupDatabaseId(ag, db), db, BigDecimal.ZERO});
            }
        }
        return rows;
    }

    private static List<Object[]> replicaStates(ExecContext ctx) {
        SimulatedInstance in = ctx.instance;
        List<Object[]> rows = new ArrayList<>();
        for (AvailabilityGroupState ag : in.availabilityGroups.values()) {
            in.checkLease(ag);
            ReplicaConfig localConfig = ag.replica(in.name);
            if (localConfig == null) {
                continue;
            }
            boolean primary = ag.localRole == Role.PRIMARY;
            int localHealth = switch (ag.localRole) {
                case PRIMARY -> 2;
                case SECONDARY -> ag.connectedToPrimary ? (localDatabasesHealthy(in, ag, localConfig) ? 2 : 1) : 0;
                case RESOLVING -> 0;
            };
            Long ticks = primary && ag.leaseActive ? Math.max(0, (ag.leaseExpiryNanos - in.nanoTime()) / 1_000_000) : null;
            boolean connected = primary || ag.connectedToPrimary;
            rows.add(replicaRow(localConfig, ag, true, ag.localRole, connected, localHealth, ticks,
                    primary ? ag.configurationCommitStartedAt : null));
            if (!primary) {
                continue;
            }
            for (ReplicaConfig r : ag.replicas) {
                if (r == localConfig) {
                    continue;
                }
                RemoteReplica remote = ag.remotes.get(r.serverName.toLowerCase(Locale.ROOT));
                boolean up = remote != null && remote.connected;
                int health = !up ? 0 : r.isConfigurationOnly() || remoteHealthy(ag, r, remote) ? 2 : 1;
                rows.add(replicaRow(r, ag, false, Role.SECONDARY, up, health, null, null));
            }
        }
        return rows;
    }

    private static Object[] replicaRow(ReplicaConfig r, AvailabilityGroupState ag, boolean local, Role role,
            boolean connected, int health, Long ticks, java.time.LocalDateTime configurationCommitStart) {
        Short operational = local ? (short) (role == Role.RESOLVING ? 3 : 2) : null;
        String operationalDesc = local ? (role == Role.RESOLVING ? "OFFLINE" : "ONLINE") : null;
        return new Object[] {r.replicaId, ag.groupId, local, role.code, role.name(), operational, operationalDesc,
            (short) (connected ? 1 : 0), connected ? "CONNECTED" : "DISCONNECTED", local ? (short) 1 : null,
            local ? "ONLINE" : null, (short) health, HEALTH.get(health), null, ticks, configurationCommitStart};
    }

    private static boolean localDatabasesHealthy(SimulatedInstance in, AvailabilityGroupState ag, ReplicaConfig local) {
        String expected = local.isSynchronous() ? LogShipper.SYNCHRONIZED : LogShipper.SYNCHRONIZING;
        return ag.databases.stream().map(in.databases::get)
                .allMatch(d -> d != null && (d.syncState.equals(expected) || d.syncState.equals(LogShipper.SYNCHRONIZED)));
    }

    private static boolean remoteHealthy(AvailabilityGroupState ag, ReplicaConfig r, RemoteReplica remote) {
        String expected = r.isSynchronous() ? LogShipper.SYNCHRONIZED : LogShipper.SYNCHRONIZING;
        return ag.databases.stream().allMatch(db -> expected.equals(remote.syncState.get(db.toLowerCase(Locale.ROOT))));
    }

    private static List<Object[]> databaseReplicaStates(ExecContext ctx) {
        SimulatedInstance in = ctx.instance;
        List<Object[]> rows = new ArrayList<>();
        for (AvailabilityGroupState ag : in.availabilityGroups.values()) {
            in.checkLease(ag);
            ReplicaConfig localConfig = ag.replica(in.name);
            for (String dbName : ag.databases) {
                Database d = in.databases.get(dbName);
                if (d == null || localConfig == null || !ag.name.equalsIgnoreCase(d.availabilityGroup)) {
                    continue;
                }
                String state = switch (ag.localRole) {
                    case PRIMARY -> localConfig.isSynchronous() ? LogShipper.SYNCHRONIZED : LogShipper.SYNCHRONIZING;
                    case SECONDARY -> d.syncState;
                    case RESOLVING -> LogShipper.NOT_SYNCHRONIZING;
                };
                BigDecimal lsn = LogRecord.display(d.lastLsn());
                rows.add(dbReplicaRow(d.id, ag, localConfig, dbName, true, ag.localRole == Role.PRIMARY, state,
                        d.stateDesc(), lsn, d.suspended));
                if (ag.localRole != Role.PRIMARY) {
                    continue;
                }
                for (ReplicaConfig r : ag.replicas) {
                    if (r == localConfig || r.isConfigurationOnly()) {
                        continue;
                    }
                    RemoteReplica remote = ag.remotes.get(r.serverName.toLowerCase(Locale.ROOT));
                    String key = dbName.toLowerCase(Locale.ROOT);
                    String remoteState = remote == null ? LogShipper.NOT_SYNCHRONIZING
                            : remote.syncState.getOrDefault(key, LogShipper.NOT_SYNCHRONIZING);
                    Long hardened = remote == null ? null : remote.hardenedLsn.get(key);
                    rows.add(dbReplicaRow(d.id, ag, r, dbName, false, false, remoteState, null,
                            hardened == null ? null : LogRecord.display(hardened), remote != null && remote.suspended.contains(key)));
                }
            }
        }
        return rows;
    }

    private static Object[] dbReplicaRow(int databaseId, AvailabilityGroupState ag, ReplicaConfig r, String db,
            boolean local, boolean primary, String syncState, String dbState, BigDecimal lsn, boolean suspended) {
        String expected = r.isSynchronous() ? LogShipper.SYNCHRONIZED : LogShipper.SYNCHRONIZING;
        int health = syncState.equals(expected) || syncState.equals(LogShipper.SYNCHRONIZED) ? 2
                : syncState.equals(LogShipper.SYNCHRONIZING) ? 1 : 0;
        return new Object[] {databaseId, ag.groupId, r.replicaId, groupDatabaseId(ag, db), local, primary,
            code(SYNC_STATES, syncState), syncState, r.isSynchronous() && health == 2, (short) health,
            HEALTH.get(health), dbState == null ? null : code(DB_STATES, dbState), dbState, suspended, lsn, lsn, 0L, 0L};
    }

    private static List<Object[]> groupStates(ExecContext ctx) {
        SimulatedInstance in = ctx.instance;
        List<Object[]> rows = new ArrayList<>();
        for (AvailabilityGroupState ag : in.availabilityGroups.values()) {
            in.checkLease(ag);
            String primary = ag.localRole == Role.PRIMARY ? in.name : ag.connectedToPrimary ? ag.primaryServer : null;
            rows.add(new Object[] {ag.groupId, primary, primary == null ? null : (short) 1,
                primary == null ? null : "ONLINE", (short) 2, HEALTH.get(2)});
        }
        return rows;
    }

    private static List<Object[]> tables(ExecContext ctx) {
        Database d = ctx.instance.databases.get(ctx.session.database());
        List<Object[]> rows = new ArrayList<>();
        if (d != null) {
            for (UserTable t : d.tables.values()) {
                rows.add(new Object[] {t.name, UserTable.objectId(t.name), 1, "U", "USER_TABLE"});
            }
        }
        return rows;
    }
}
