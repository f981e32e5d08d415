/**
 * A simulator of SQL Server instances for tests (never imported by production code).
 *
 * <p>Two halves meet at the interfaces of this package:
 * <ul>
 *   <li>{@code sim.tds} — the TDS 7.4 front end: sockets, PRELOGIN (and TLS), LOGIN7, SQL_BATCH, RPC,
 *       ATTENTION, result tokens. It knows nothing of T-SQL meaning.</li>
 *   <li>{@code sim.engine} — the instances: logins, catalog, availability groups, replication between
 *       instances, faults, the statement log. It knows nothing of bytes on the wire.</li>
 * </ul>
 * The front end turns each request into a {@link io.github.mssqlk8s.sim.SimBatch} for a
 * {@link io.github.mssqlk8s.sim.SimSession}; the engine answers through a
 * {@link io.github.mssqlk8s.sim.ResultSink}.
 */
package io.github.mssqlk8s.sim;
