/**
 * The AG agents. The supervisor runs one {@code ag-agent} child process per availability group its SqlServer
 * lists; a child is told its AG through {@code MSSQL_K8S_AVAILABILITY_GROUP} and is stopped with SIGTERM.
 *
 * <h2>The ag-agent</h2>
 * {@link io.github.mssqlk8s.agent.ag.AgAgent} runs one tick per monitor period
 * ({@link io.github.mssqlk8s.agent.ag.AgAgentLoop}): it gathers one {@code ha.AgSnapshot} (DMVs through
 * {@code sql.AvailabilityGroupSql}, the health agent's verdict through a
 * {@link io.github.mssqlk8s.agent.ag.HealthVerdictSource}, the SqlServer resources listing the AG, the peers'
 * reports and a failover request from the AG's ConfigMap, the Lease), lets {@code ha.AgDecider} decide, carries
 * the decision out under the obligations in {@code ha.Decision}'s javadoc, and reports.
 *
 * <ul>
 *   <li><b>Leadership</b>: {@code kube.AgLease}, compare-and-swap on resourceVersion. Every action of the holder
 *       (hold, reconcile, create, promote) renews the Lease first and is skipped when that fails; the SQL write
 *       lease is renewed only right after, and only while that renewal is less than a monitor period old.</li>
 *   <li><b>Reports</b>: the replica's own key in the ConfigMap every tick; the holder the {@code leader} key
 *       when it changes; pod labels (the primary takes {@code primary} off other pods before labelling its own);
 *       the SqlServer's {@code status.availabilityGroups} entry and a log line when the decision changes (figures
 *       aside); Events for creation, promotion, refusal (41142) and demotion; failover outcomes.</li>
 *   <li><b>Failures</b>: a tick never throws. A failed read keeps the last value (the Lease's renew time then
 *       ages and the decider fences); a failed statement is logged once and retried on a later tick. SQL
 *       statements have query, network and socket timeouts so a hung instance cannot block the loop.</li>
 *   <li><b>SIGTERM</b>: the loop ends and {@link io.github.mssqlk8s.agent.ag.AgAgent#leave()} re-reads the
 *       resource. A primary with a secondary able to take over hands over at once — OFFLINE, release the Lease,
 *       report the final write-lease renewal — so a planned pod deletion fails over after about one write-lease
 *       period instead of a Lease duration; if the resource no longer lists the AG, the replica also drops its
 *       routing labels (the primary removes it from the AG). A primary with nobody to hand over to keeps its
 *       Lease and lets it run out.</li>
 *   <li><b>Metrics</b> ({@link io.github.mssqlk8s.agent.ag.AgAgentMetrics}): role, Lease held, write lease left,
 *       decisions, failovers, Lease and write-lease renewals, every meter of the process tagged {@code ag}. The
 *       child serves them on a loopback port its supervisor chose; the supervisor's {@code /q/metrics}
 *       ({@link io.github.mssqlk8s.agent.ag.SupervisorMetrics}) serves its own and all its children's, merged by
 *       {@link io.github.mssqlk8s.agent.ag.MetricFamilies}: one scrape target per pod for all its AGs.</li>
 * </ul>
 */
package io.github.mssqlk8s.agent.ag;
