/**
 * The health agent: watches the local SQL Server with a streamed {@code sp_server_diagnostics}, judges it by the
 * monitor policy ({@code ha.HealthJudge}) and answers the pod's probes from the latest verdict, with no SQL per
 * probe. The AG agents in the pod read the same verdict from {@code /q/health/live}.
 */
package io.github.mssqlk8s.agent.health;
