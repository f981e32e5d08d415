/**
 * The simulator's engine: SQL Server instances with availability-group behaviour, in one JVM, for tests.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * try (SimNetwork net = new SimNetwork()) {
 *     SimulatedInstance sql0 = net.createInstance("sql-0", InstanceOptions.withSaPassword("Sa-Passw0rd!")
 *             .diagnosticsSecondsScale(0.01));          // sp_server_diagnostics 5 s -> 50 ms
 *     SimSession s = sql0.login("sa", "Sa-Passw0rd!", "master", "app");   // SimInstance / SimSession seam
 *     s.execute(SimBatch.sql("SELECT @@SERVERNAME"), sink);
 *     net.link("sql-0", "sql-1").cut();  sql0.crash();  sql0.start();  sql0.hang();  ...
 * }
 * }</pre>
 * Endpoint URLs {@code TCP://host:port} reach the instance whose name is the host or the host's first DNS
 * label, or one registered with {@link io.github.mssqlk8s.sim.engine.SimNetwork#alias}.
 *
 * <h2>Supported T-SQL (anything else fails: 102 "Incorrect syntax near …", 208, 207, 2812, 195…)</h2>
 * A SQL_BATCH is parsed whole before it runs: a syntax error anywhere runs nothing. Statements are separated
 * by {@code ;} or simply follow each other. A runtime error ends its statement and the batch goes on, as for
 * most SQL Server errors, except name-resolution (207, 208, 209, 4104, 195, 137), conversion (245),
 * deadlock (1205) and severity 20+ errors, which end the batch; after every error the engine also calls
 * {@code done(0, false)}. The slow-answers fault is only reported by {@code SimInstance.responseDelay()}: the
 * front end applies it. A HUNG instance's {@code execute} blocks until unhung or cancelled.
 * Comments {@code --} and {@code /* *&#47;}; identifiers plain, {@code [bracketed]} or {@code "quoted"};
 * literals {@code 'x'}, {@code N'x'}, integers, decimals, {@code 0x…}, {@code NULL}; parameters {@code @p}
 * (RPC/sp_executesql parameters and DECLAREd variables).
 * <ul>
 * <li><b>Queries</b>: {@code SELECT [TOP n] item, … [FROM src [[AS] a] {[INNER] JOIN src [[AS] a] ON cond}]
 *     [WHERE cond] [ORDER BY expr|alias|ordinal [ASC|DESC], …]}; items are {@code *}, {@code a.*}, {@code expr [[AS] alias]},
 *     {@code @var = expr}; aggregates {@code COUNT(*)}, {@code COUNT(x)}, {@code MAX(x)}, {@code MIN(x)} (no
 *     GROUP BY: an aggregate query returns one row). No subqueries except {@code EXISTS (SELECT …)}; no
 *     UNION, LEFT JOIN, CASE, BETWEEN.</li>
 * <li><b>Conditions and expressions</b>: {@code AND OR NOT ( )}, {@code = <> != < > <= >=},
 *     {@code IS [NOT] NULL}, {@code [NOT] IN (…)}, {@code [NOT] LIKE} (% and _), {@code + - * /}
 *     ({@code +} concatenates strings), {@code CAST(x AS type)}, {@code CONVERT(type, x)}. Strings compare
 *     case-insensitively.</li>
 * <li><b>Functions</b>: {@code @@SERVERNAME @@SPID @@VERSION @@TRANCOUNT @@SERVICENAME}, {@code DB_NAME([id])},
 *     {@code DB_ID([name])}, {@code SERVERPROPERTY('ServerName'|'MachineName'|'IsHadrEnabled'|'HadrManagerStatus'|
 *     'ProductVersion'|'ProductLevel'|'Edition'|'EngineEdition'|'IsClustered')}, {@code SESSION_CONTEXT(N'k')},
 *     {@code CERT_ID}, {@code CERTENCODED}, {@code CERTPRIVATEKEY(id, pwd)}, {@code SUSER_NAME()},
 *     {@code SUSER_SNAME()}, {@code IS_SRVROLEMEMBER('sysadmin')}, {@code HAS_PERMS_BY_NAME(securable, class,
 *     permission)} for SERVER / ENDPOINT / AVAILABILITY GROUP, {@code OBJECT_ID('t')}, {@code GETDATE()},
 *     {@code SYSUTCDATETIME()}, {@code NEWID()}, {@code ISNULL}, {@code COALESCE}, {@code LEN}, {@code UPPER},
 *     {@code LOWER}, {@code CAST(N'iso-8601' AS DATETIME2)}; the statement {@code THROW n, msg, state} (severity 16,
 *     ends the batch).</li>
 * <li><b>Views</b> ({@code sys.x} or {@code db.sys.x}): databases, server_principals, server_permissions,
 *     symmetric_keys, certificates, endpoints, database_mirroring_endpoints, tcp_endpoints, availability_groups,
 *     availability_replicas, availability_databases_cluster, tables, and (needing VIEW SERVER STATE, else 300 +
 *     the statement fails) dm_hadr_availability_replica_states, dm_hadr_database_replica_states,
 *     dm_hadr_availability_group_states. Columns: see {@code CatalogViews}. On a secondary the dm_hadr views show
 *     only the local replica; on the primary every replica.</li>
 * <li><b>Session</b>: {@code USE db}; {@code SET NOCOUNT|XACT_ABORT|ANSI_…|TRANSACTION ISOLATION LEVEL …|
 *     LOCK_TIMEOUT …} (accepted, ignored); {@code SET @v = expr}; {@code DECLARE @v type [= expr], …};
 *     {@code PRINT expr}; {@code IF cond statement} (one statement, no ELSE/BEGIN…END);
 *     {@code BEGIN TRAN[SACTION]}, {@code COMMIT}, {@code ROLLBACK} (writes apply at the outer COMMIT; reads in
 *     the transaction do not see them).</li>
 * <li><b>Procedures</b> (RPC or {@code EXEC [@rc =] name [@p =] value [OUTPUT], …}): sp_set_session_context
 *     (@key, @value, @read_only), sp_server_diagnostics (@repeat_interval: 0 once, ≥ 5 repeat until cancelled;
 *     1–4 fails), sp_getapplock (@Resource, @LockMode, @LockOwner, @LockTimeout; every mode is Exclusive and
 *     every owner Session; returns 0 granted, 1 granted after waiting, -1 timeout), sp_releaseapplock (1223 when
 *     not held). An RPC answers its return status as {@code returnValue(SimParam(null, INT, status, false))}.</li>
 * <li><b>Security</b>: {@code CREATE LOGIN [x] WITH PASSWORD = N'…' [, CHECK_POLICY = OFF, …]},
 *     {@code ALTER LOGIN [x] WITH PASSWORD = N'…' [OLD_PASSWORD = N'…']}, {@code DROP LOGIN},
 *     {@code GRANT perm[, perm] [ON ENDPOINT::[e] | ON AVAILABILITY GROUP::[ag]] TO [login]} (sysadmin only),
 *     {@code CREATE MASTER KEY ENCRYPTION BY PASSWORD = …}, {@code ALTER MASTER KEY [FORCE] REGENERATE WITH
 *     ENCRYPTION BY PASSWORD = …}, {@code CREATE CERTIFICATE n WITH SUBJECT = '…' [, EXPIRY_DATE = '…']},
 *     {@code CREATE CERTIFICATE n FROM BINARY = 0x… [WITH PRIVATE KEY (BINARY = 0x…, DECRYPTION BY PASSWORD =
 *     N'…')]}, {@code DROP CERTIFICATE}, {@code CREATE|ALTER ENDPOINT [e] [STATE = …] [AS TCP (LISTENER_PORT =
 *     n, …)] [FOR DATABASE_MIRRORING (ROLE = …, AUTHENTICATION = CERTIFICATE n, ENCRYPTION = REQUIRED ALGORITHM
 *     AES)]}, {@code DROP ENDPOINT}.</li>
 * <li><b>Data</b>: {@code CREATE DATABASE d}, {@code ALTER DATABASE d SET RECOVERY FULL|SIMPLE|BULK_LOGGED},
 *     {@code ALTER DATABASE d SET ONLINE|OFFLINE|EMERGENCY}, {@code DROP DATABASE}, {@code BACKUP DATABASE|LOG d
 *     TO DISK = N'…' [WITH …]} (no file; marks the database ready for an AG), {@code CREATE TABLE t (c type
 *     [(n|MAX)] [NOT NULL] [PRIMARY KEY], … [, PRIMARY KEY (c)])} with INT, BIGINT, SMALLINT, TINYINT, BIT,
 *     (N)VARCHAR, (VAR)BINARY, DATETIME2, DATETIMEOFFSET, UNIQUEIDENTIFIER, DECIMAL; {@code INSERT [INTO] t
 *     [(cols)] VALUES (…), …}. No UPDATE, DELETE, IDENTITY, indexes.</li>
 * <li><b>Availability groups</b>: {@code CREATE AVAILABILITY GROUP [ag] WITH (CLUSTER_TYPE = …, DB_FAILOVER =
 *     …, WRITE_LEASE_VALIDITY = s, REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT = n, …) FOR [DATABASE d, …]
 *     REPLICA ON N'name' WITH (ENDPOINT_URL = …, AVAILABILITY_MODE = …, FAILOVER_MODE = …, SEEDING_MODE = …,
 *     SESSION_TIMEOUT = s, SECONDARY_ROLE (ALLOW_CONNECTIONS = …)), …}; {@code ALTER AVAILABILITY GROUP [ag]}
 *     {@code JOIN [WITH (CLUSTER_TYPE = …)]} | {@code GRANT|DENY CREATE ANY DATABASE} | {@code ADD|MODIFY
 *     REPLICA ON …} | {@code REMOVE REPLICA ON N'x'} | {@code ADD|REMOVE DATABASE [d]} | {@code FAILOVER} |
 *     {@code FORCE_FAILOVER_ALLOW_DATA_LOSS} | {@code OFFLINE} | {@code SET (ROLE = SECONDARY)} | {@code SET
 *     (WRITE_LEASE_VALIDITY = s)} | {@code SET (REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT = n | DB_FAILOVER =
 *     …)}; {@code DROP AVAILABILITY GROUP [ag]}.</li>
 * </ul>
 *
 * <h2>Availability-group rules the engine enforces</h2>
 * <ul>
 * <li>CREATE AVAILABILITY GROUP needs sysadmin membership (as SQL Server documents: sysadmin and one of CREATE
 *     AVAILABILITY GROUP, ALTER ANY AVAILABILITY GROUP, CONTROL SERVER), else 262; the permissions alone are not
 *     enough. JOIN needs ALTER ANY AVAILABILITY GROUP; other ALTERs need ALTER (DROP: CONTROL) on the group or
 *     ALTER ANY AVAILABILITY GROUP (15151 otherwise).</li>
 * <li>On an EXTERNAL group, FAILOVER, FORCE_FAILOVER_ALLOW_DATA_LOSS, OFFLINE, SET (ROLE …), SET
 *     (WRITE_LEASE_VALIDITY …) and SET (REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT …) need
 *     {@code SESSION_CONTEXT(N'external_cluster') = 'yes'}, else 47104.</li>
 * <li>FAILOVER needs a synchronous-commit secondary whose databases were SYNCHRONIZED when it last heard from
 *     the primary (frozen when the primary is lost, as SQL Server does), or a synchronous-commit RESOLVING
 *     replica that was the primary when it went RESOLVING (Microsoft's Pacemaker agent promotes such a replica
 *     with a plain FAILOVER after choosing it by sequence number), else 41142; on a configuration-only replica
 *     47109; on the primary 41122. SET (ROLE = SECONDARY) on a secondary: 41104. Configuration changes (ADD /
 *     MODIFY / REMOVE, SET options) off the primary: 41140. Politely, a primary still reachable at FAILOVER time
 *     becomes SECONDARY; an unreachable one stays PRIMARY until it meets the new primary, then the one with the
 *     lower sequence_number becomes RESOLVING (see the switches below for the worst legal behaviour).</li>
 * <li>Versions: each instance reports its own {@code SERVERPROPERTY('ProductVersion')} (InstanceOptions,
 *     {@code restartOnVersion} for a restart on a new image); a primary never ships log to a secondary on an older
 *     version, whose databases stay NOT SYNCHRONIZING (so it is no planned failover target) until it runs a version
 *     no older.</li>
 * <li>sequence_number +1 for every configuration change on the primary (replicas, databases, SET options)
 *     and every FAILOVER; secondaries copy it from the primary while connected.</li>
 * <li>OFFLINE, an expired write lease and a restart of a former primary make the local replica RESOLVING;
 *     its availability databases then fail with 983. SET (ROLE = SECONDARY) attaches it to the primary; a
 *     diverged history is re-seeded (unless suspended, below).</li>
 * <li>Write lease: SET (WRITE_LEASE_VALIDITY = s) politely only on the primary of an EXTERNAL group (else 47116);
 *     an expiry earlier than the current one fails with 47119.</li>
 * <li>{@code ALTER DATABASE d SET HADR RESUME | SUSPEND} resumes or suspends data movement to the local secondary
 *     database ({@code is_suspended} in dm_hadr_database_replica_states, on the secondary and on the primary's row
 *     for it); a suspended secondary is NOT SYNCHRONIZING and cannot take a planned FAILOVER (41142).</li>
 * <li>{@code current_configuration_commit_start_time_utc} (dm_hadr_availability_replica_states, the primary's
 *     local row): when the configuration commit in progress began — a change of the synchronized set that no
 *     synchronous secondary could adopt yet (REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT ≥ 1), or a configuration
 *     statement waiting under the switch below; NULL otherwise.</li>
 * <li>A commit on the primary is acknowledged when every synchronous secondary that was SYNCHRONIZED and is
 *     still connected hardened it (a silent one is given up after its SESSION_TIMEOUT) and at least
 *     REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT synchronous secondaries hardened it; until then the
 *     session waits (polling cancel). A cancelled commit stays hardened on the primary.</li>
 * <li>Writes on a secondary: 3906; reads need ALLOW_CONNECTIONS READ_ONLY/ALL (else 976).</li>
 * <li>Replication: a {@link io.github.mssqlk8s.sim.engine.LogShipper} thread ships log records every few ms
 *     when both instances run, the link is not cut, both endpoints are STARTED, each imported the certificate
 *     the other authenticates with and CONNECT on its endpoint was granted. Automatic seeding needs
 *     {@code GRANT CREATE ANY DATABASE} on the joined secondary. A delayed link ships records once they are
 *     that old. Secondary state: SYNCHRONIZED (synchronous, caught up), SYNCHRONIZING (asynchronous or
 *     behind), NOT SYNCHRONIZING (disconnected).</li>
 * </ul>
 *
 * <h2>Faults and observation (Java API, each undoable)</h2>
 * {@code SimulatedInstance}: {@code stop()/start()}, {@code crash()/start()} or {@code restart()} (epoch + 1,
 * open transactions and app locks lost, a former primary comes back RESOLVING), {@code hang()/unhang()},
 * {@code setResponseDelay(d)}, {@code forceComponentState(component, 0..3)/clearComponentStates()},
 * {@code forceDatabaseState(db, "SUSPECT"|…)/forceDatabaseState(db, null)}, {@code failNextStatements(n,
 * error)}, {@code statementLog()} (every statement with spid, login, database, {@link
 * io.github.mssqlk8s.sim.engine.StatementKind}, text, error number), {@code role(ag)}.
 * {@code SimNetwork}: {@code link(a, b).cut()/delay(d)/restore()}, {@code isolate(name)/reconnect(name)},
 * {@code endpointsConnect(a, b)}, {@code alias(host, name)}. {@code InstanceOptions}: sa password,
 * HADR enabled, {@code diagnosticsSecondsScale}, {@code sessionTimeout} (overrides SESSION_TIMEOUT), and the
 * instance clock {@code nanoTime} (write lease, log ages) for skew tests.
 *
 *
 * <h2>The worst legal SQL Server ({@link io.github.mssqlk8s.sim.engine.EngineBehaviour}, {@code SimNetwork.behaviour()})</h2>
 * Where real behaviour is undocumented or may vary, a switch chooses between the polite behaviour above (the default)
 * and the worst one SQL Server may legally show; each can be flipped at any time ({@code worstLegal()} sets all):
 * {@code oldPrimaryStaysPrimary} (a reachable old primary stays PRIMARY and writable after FAILOVER elsewhere until
 * its own write lease runs out or OFFLINE / SET (ROLE = SECONDARY); a secondary of the newer primary never goes back
 * to it), {@code suspendAfterForcedFailover} (replicas that missed a FORCE_FAILOVER_ALLOW_DATA_LOSS are SUSPENDED
 * until SET HADR RESUME, as documented), {@code configurationCommitsNeedSynchronousSecondary} (with RSSTC ≥ 1, ALTER
 * AVAILABILITY GROUP changes hang until a synchronous secondary adopted them), {@code leaseAtFailover = REPLICA_OWN}
 * (FAILOVER keeps the replica's own, possibly expired, write lease; a renewal on a secondary of a lease-enabled
 * group is accepted). Per instance, {@code setExecutionDelay(d)}: batches start d after they arrive, even when the
 * client gave up meanwhile (late statements).
 *
 * <h2>Error numbers</h2>
 * Checked against SQL Server 2022's documented messages (sys.messages as published in the Database Engine events and
 * errors reference), number and text: 983, 976, 41122, 41140, 41142, 47104, 47109, 47116, 47119, 15466, 15297 — and
 * 41142/47116/47119 also by Microsoft's Pacemaker agent's use of them. UNVERIFIED: which error SET (ROLE = SECONDARY)
 * on a replica that already is SECONDARY raises (41104 here; the documented 41104 text is about a resource that did
 * not come online, and Microsoft's agent reads 41104 from SET (ROLE = SECONDARY) as "could not demote"); which of
 * 15465/15466 a wrong DECRYPTION BY PASSWORD raises; whether FAILOVER on a RESOLVING former secondary is refused
 * (41142 here); the real numbers behind every 50000 "[simulator]" error (not-modelled or unknown conditions: CREATE
 * AVAILABILITY GROUP prerequisites, HADR not enabled, SET HADR on a non-availability database, RSSTC out of range).
 */
package io.github.mssqlk8s.sim.engine;
