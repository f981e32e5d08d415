/**
 * The TDS 7.4 front end of the SQL Server simulator (tests only): lets the real mssql-jdbc driver talk
 * to a {@link io.github.mssqlk8s.sim.SimInstance}.
 *
 * <pre>{@code
 * SimInstance instance = ...;                       // from sim.engine
 * try (TdsServer server = TdsServer.start(instance)) { // loopback, ephemeral port, test TLS certificate
 *     String url = server.jdbcUrl() + ";user=sa;password=...";              // encrypt=false
 *     String tls = "jdbc:sqlserver://localhost:" + server.port() + ";user=sa;password=...;"
 *             + TdsTestCertificate.jdbcProperties();                       // encrypt=true, checked certificate
 * }
 * }</pre>
 *
 * <p>Conventions at the seam: SQL batches and {@code sp_executesql}/{@code sp_prepexec}/{@code sp_execute}
 * become {@code SimBatch(null, text, params)} with parameters named as declared ({@code @P0}…); RPC by
 * procedure name becomes {@code SimBatch(name, "", params)} with unnamed parameters called {@code @p0}….
 * {@code ResultSink.returnValue} with {@code output == true} is an OUTPUT parameter, matched by name;
 * with {@code output == false} it is the procedure's return status. {@code done(n, true)} right after
 * a result set is its row count, without a result set an update count; {@code done(0, false)} is a
 * statement without a count (invisible to JDBC).
 */
package io.github.mssqlk8s.sim.tds;
